// A real SMTP server for the delivery tests (smtp-server, as a mail catcher is): plain
// SMTP on 127.0.0.1, no STARTTLS, no authentication required; it keeps what it receives.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  /** The envelope's recipients. */
  to: string[];
  /** The `Subject` header. */
  subject: string;
  /** The `From` header. */
  from: string;
  /** The message body (after the headers), as sent. */
  body: string;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedEmail[];
  /** Stops the server; later calls are no-ops. */
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 (`port` 0: a free one).
 *
 * @example
 * ```ts
 * const smtp = await startSmtpServer();
 * // ... deliver to smtp.url, then:
 * await smtp.close();
 * ```
 */
export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const split = raw.indexOf('\r\n\r\n');
        const headers = raw.slice(0, split);
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1] ?? '';
        received.push({
          to: session.envelope.rcptTo.map((address) => address.address),
          subject: header('Subject'),
          from: header('From'),
          body: raw.slice(split + 4),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    received,
    close: () => (closed ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
