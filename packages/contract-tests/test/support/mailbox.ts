// Reads what the sandbox emailed, from the mail catcher the global setup started: the API
// sends over real SMTP, and the tests read the message a user would open.
import { inject } from 'vitest';

interface CaughtMessage {
  subject: string;
  text: string;
  links: string[];
}

async function messagesTo(to: string): Promise<CaughtMessage[]> {
  const res = await fetch(`${inject('mailUrl')}/api/messages?to=${encodeURIComponent(to)}`);
  return (await res.json()) as CaughtMessage[];
}

/**
 * The token of the newest email to `to` whose subject matches, from its link's `token=`;
 * waits for delivery (the outbox delivers asynchronously).
 */
export async function emailedToken(to: string, subject: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = (await messagesTo(to)).find((m) => subject.test(m.subject));
    const token = message?.links.map((link) => new URL(link).searchParams.get('token')).find(Boolean);
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * How many emails to `to` the catcher received, once at least `atLeast` have arrived (or
 * the timeout passed) and a further delivery round has had time to add any extra.
 */
export async function emailsTo(to: string, atLeast: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while ((await messagesTo(to)).length < atLeast && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 600));
  return (await messagesTo(to)).length;
}
