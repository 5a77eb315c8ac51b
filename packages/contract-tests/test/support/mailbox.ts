// Reads what the sandbox emailed, from the mail catcher the global setup started: the API
// sends over real SMTP, and the tests read the message a user would open.
import { inject } from 'vitest';

interface Message {
  to: string;
  subject: string;
  text: string;
}

/**
 * The token of the newest email to `to` whose subject matches, from its link's `token=`;
 * waits for delivery (the outbox delivers asynchronously).
 */
export async function emailedToken(to: string, subject: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${inject('mailUrl')}/api/messages`);
    const messages = (await res.json()) as Message[];
    const message = messages.find((m) => m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject));
    const token = message && /[?&]token=([A-Za-z0-9_-]+)/.exec(message.text)?.[1];
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many emails to `to` the catcher received. */
export async function emailsTo(to: string): Promise<number> {
  const messages = (await (await fetch(`${inject('mailUrl')}/api/messages`)).json()) as Message[];
  return messages.filter((m) => m.to.toLowerCase().includes(to.toLowerCase())).length;
}
