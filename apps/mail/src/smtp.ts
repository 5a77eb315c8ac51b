/**
 * The SMTP side: accepts any message from anyone, over plain SMTP, and hands it on parsed.
 * A development catcher has no use for TLS or real credentials: STARTTLS is off (nodemailer
 * would refuse smtp-server's self-signed certificate), and AUTH accepts any user and password
 * so that an `SMTP_URL` with credentials in it works unchanged.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { toCaughtMessage, type CaughtMessage } from './message.js';

export interface SmtpReceiverOptions {
  /** The id for the next message. */
  nextId: () => string;
  onMessage: (message: CaughtMessage) => void;
  /** Where connection errors go (a client hanging up mid-session, say); they never stop the server. */
  onError: (error: Error) => void;
  /** The largest message accepted; default 10 MB. Everything is kept in memory. */
  maxBytes?: number;
}

const address = (entry: SMTPServerAddress | false) => (entry ? entry.address : '');

/**
 * An smtp-server that parses each message and passes it to `onMessage`; `listen` is the caller's.
 *
 * @example
 * ```ts
 * const smtp = createSmtpReceiver({ nextId, onMessage: (message) => store.add(message), onError: console.error });
 * smtp.listen(1025, '127.0.0.1');
 * ```
 */
export function createSmtpReceiver({ nextId, onMessage, onError, maxBytes = 10 * 1024 * 1024 }: SmtpReceiverOptions): SMTPServer {
  const server = new SMTPServer({
    banner: 'Astral mail catcher (development only: every message is kept in memory, none is delivered)',
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    size: maxBytes,
    // No DNS lookup of 127.0.0.1 for every connection: it is slow, and fails offline.
    disableReverseLookup: true,
    logger: false,
    // On close, open sessions get this long to finish before they are cut.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const receivedAt = new Date();
      const envelope = { from: address(session.envelope.mailFrom), to: session.envelope.rcptTo.map((recipient) => recipient.address) };
      simpleParser(stream).then(
        (parsed) => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error(`Message larger than ${maxBytes} bytes`), { responseCode: 552 }));
            return;
          }
          onMessage(toCaughtMessage(parsed, { id: nextId(), envelope, receivedAt }));
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  // smtp-server emits socket errors as 'error' events: unheard, one would end the process.
  server.on('error', onError);
  return server;
}
