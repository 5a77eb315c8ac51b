/**
 * The delivery worker: takes due emails from the outbox and sends them over SMTP. Every
 * instance with `SMTP_URL` may run one; the outbox's claim makes sure each email goes to
 * one worker at a time. A failed send keeps the email and schedules the next attempt with
 * exponential backoff, so a mail server that is down delays mail but loses none.
 */
import { createTransport } from 'nodemailer';
import type { OutboxStorage, QueuedEmail } from './outbox.js';

/** The sender when none is configured (`EMAIL_FROM` unset). */
export const defaultEmailFrom = 'Astral <no-reply@astral.local>';

/** What the worker logs through (Fastify's `app.log` fits). */
export interface DeliveryLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface EmailDeliveryOptions {
  /** Where the emails are queued (`repository.outbox`). */
  outbox: OutboxStorage;
  /** The SMTP server: `smtp://host:port` (`smtps://` for implicit TLS; credentials in the URL). */
  smtpUrl: string;
  /** The sender, `Astral <no-reply@astral.local>`. */
  from: string;
  logger: DeliveryLogger;
  /** How often to look for due emails (default 2000 ms); `0` runs no timer (call `deliverDue`). */
  pollMs?: number;
  /** The clock (default the system's). */
  now?: () => Date;
  /** Emails claimed at once (default 20). */
  batchSize?: number;
  /** How long a claim holds an email against other workers (default 60 s: more than a send takes). */
  leaseMs?: number;
}

export interface EmailDelivery {
  /** Sends every due email now; resolves with how many were delivered. */
  deliverDue(): Promise<number>;
  /** Stops polling, waits for sends in progress and closes the SMTP connection. */
  stop(): Promise<void>;
}

/** The first retry's delay; each further failure doubles it, up to `maxRetryDelayMs`. */
export const firstRetryDelayMs = 10_000;
/** The longest wait between two attempts: a mail server back up is used within 10 minutes. */
export const maxRetryDelayMs = 10 * 60_000;

/**
 * How long to wait after the `attempts`-th failed send (1, 2, 3...): 10 s, 20 s, 40 s...
 * capped at 10 minutes.
 *
 * @example
 * ```ts
 * retryDelayMs(1); // 10000
 * retryDelayMs(20); // 600000
 * ```
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(maxRetryDelayMs, firstRetryDelayMs * 2 ** Math.min(attempts - 1, 30));
}

/**
 * Starts delivering the outbox over SMTP: a poll every `pollMs`, and `deliverDue()` on demand.
 *
 * @example
 * ```ts
 * const delivery = startEmailDelivery({ outbox: repository.outbox, smtpUrl: 'smtp://127.0.0.1:1025', from: 'Astral <no-reply@astral.local>', logger: app.log });
 * // ... on shutdown:
 * await delivery.stop();
 * ```
 */
export function startEmailDelivery(options: EmailDeliveryOptions): EmailDelivery {
  const { outbox, logger } = options;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 2000;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 60_000;
  // Every wait shorter than the lease, so a hung server cannot keep an email past it (and
  // then get it sent twice by another worker).
  const transport = createTransport({ url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });

  const send = async (email: QueuedEmail): Promise<boolean> => {
    try {
      await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    } catch (error) {
      const attempts = email.attempts + 1;
      const retryAt = new Date(now().getTime() + retryDelayMs(attempts));
      const reason = error instanceof Error ? error.message : String(error);
      await outbox.failed(email.emailId, reason, retryAt);
      // The id, not the address: logs are kept longer than the email.
      logger.warn({ emailId: email.emailId, attempts, retryAt: retryAt.toISOString(), err: reason }, 'Email not delivered; will retry');
      return false;
    }
    await outbox.delivered(email.emailId);
    logger.info({ emailId: email.emailId }, 'Email delivered');
    return true;
  };

  const deliverDue = async (): Promise<number> => {
    let delivered = 0;
    for (;;) {
      const batch = await outbox.claimDue(now(), { limit: batchSize, leaseMs });
      for (const email of batch) if (await send(email)) delivered++;
      // A short batch means nothing more is due (a failed email is due again only later).
      if (batch.length < batchSize) return delivered;
    }
  };

  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const poll = () => {
    running = deliverDue()
      .catch((error: unknown) =>
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Email delivery failed to run'),
      )
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(poll, pollMs);
    // The worker alone never keeps the process alive.
    timer.unref();
  };
  if (pollMs > 0) schedule();

  return {
    deliverDue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
