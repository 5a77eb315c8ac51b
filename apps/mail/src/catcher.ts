/**
 * The mail catcher: SMTP in, a web inbox and a JSON API out, the messages in memory. One call
 * starts both sides, for `npm run mail`, `npm start` and other packages' tests alike.
 */
import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
import { createInboxServer } from './http.js';
import type { CaughtMessage } from './message.js';
import { createSmtpReceiver } from './smtp.js';
import { MessageStore, type MessageFilter } from './store.js';

export interface MailCatcherOptions {
  /** Interface both sides bind; default 127.0.0.1. */
  host?: string;
  /** SMTP port; default 1025; 0 picks a free one. */
  smtpPort?: number;
  /** Web inbox port; default 8025; 0 picks a free one. */
  httpPort?: number;
  /** How many messages to keep, the oldest dropped first; default 500. */
  maxMessages?: number;
  /** Called with each message as it arrives (the entry point prints a line). */
  onMessage?: (message: CaughtMessage) => void;
  /** Where SMTP connection errors go; default stderr. They never stop the catcher. */
  onError?: (error: Error) => void;
}

export interface RunningMailCatcher {
  /** `smtp://127.0.0.1:1025`: what to give the API as `SMTP_URL`. */
  smtpUrl: string;
  /** `http://127.0.0.1:8025`: the inbox page; the JSON API is under `/api/messages`. */
  inboxUrl: string;
  smtpPort: number;
  httpPort: number;
  /** The messages caught so far, newest first. */
  messages(filter?: MessageFilter): CaughtMessage[];
  /**
   * The newest message caught that matches, or else the next one to arrive; rejects after
   * `timeoutMs` (default 10 s). Clear first when an earlier message could match too.
   */
  waitFor(predicate: (message: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  clear(): void;
  /** Stops both sides; open SMTP sessions get a second to finish. */
  close(): Promise<void>;
}

/** An address fit for a URL: IPv6 in brackets; "listen everywhere" shown as loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens, and resolves with the bound port, or rejects with the listen error (a port in use). */
async function listen(server: Server, port: number, host: string): Promise<number> {
  const failed = once(server, 'error');
  server.listen(port, host);
  await Promise.race([once(server, 'listening'), failed.then(([error]) => Promise.reject(error as Error))]);
  return (server.address() as AddressInfo).port;
}

/**
 * Starts the SMTP server and the web inbox.
 *
 * @example
 * ```ts
 * const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
 * const api = createApp({ smtpUrl: mail.smtpUrl });        // whatever sends the mail
 * await signUp('runner@example.com');
 * const message = await mail.waitFor((m) => m.to.includes('runner@example.com'));
 * const token = new URL(message.links[0]!).searchParams.get('token');
 * await mail.close();
 * ```
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<RunningMailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const store = new MessageStore(options.maxMessages === undefined ? {} : { maxMessages: options.maxMessages });
  const closing = new AbortController();
  let listening = false;
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`mail: SMTP connection error: ${error.message}\n`));
  const smtp = createSmtpReceiver({
    nextId: () => store.nextId(),
    onMessage: (message) => {
      store.add(message);
      options.onMessage?.(message);
    },
    // Until both sides listen, an error is the listen's own, reported by startMailCatcher.
    onError: (error) => listening && onError(error),
  });

  const smtpPort = await listen(smtp.server, options.smtpPort ?? 1025, host);
  const smtpUrl = `smtp://${urlHost(host)}:${smtpPort}`;
  const closeSmtp = () => new Promise<void>((resolve) => smtp.close(() => resolve()));
  const http = createInboxServer({ store, smtpUrl });
  let httpPort: number;
  try {
    httpPort = await listen(http, options.httpPort ?? 8025, host);
  } catch (error) {
    await closeSmtp();
    throw error;
  }
  listening = true;

  return {
    smtpUrl,
    inboxUrl: `http://${urlHost(host)}:${httpPort}`,
    smtpPort,
    httpPort,
    messages: (filter) => store.list(filter),
    waitFor: (predicate, timeoutMs) => store.waitFor(predicate, timeoutMs, closing.signal),
    clear: () => store.clear(),
    close: async () => {
      if (closing.signal.aborted) return;
      closing.abort();
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      // The inbox page is kept open by browsers (keep-alive): without this, close waits for them.
      http.closeAllConnections();
      await Promise.all([httpClosed, closeSmtp()]);
    },
  };
}
