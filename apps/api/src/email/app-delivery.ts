/**
 * The delivery worker's place in the app's lifecycle: started once the app is ready (the
 * outbox table exists by then), stopped before the database closes. Kept out of `app.ts`
 * so the app factory only says "deliver emails with these options".
 */
import type { createAstralServer } from '@astral/server';
import { defaultEmailFrom, startEmailDelivery, type EmailDelivery } from './delivery.js';
import type { OutboxStorage } from './outbox.js';

/** How an app instance delivers the outbox. */
export interface EmailOptions {
  /** The SMTP server (`SMTP_URL`); unset: this instance delivers nothing, emails stay queued. */
  smtpUrl?: string | undefined;
  /** The sender (`EMAIL_FROM`, default `Astral <no-reply@astral.local>`). */
  from?: string | undefined;
  /** How often to look for due emails (default 2000 ms). */
  pollMs?: number | undefined;
}

/**
 * Runs the outbox's delivery worker with the app: from `onReady` to `preClose`. Without an
 * SMTP URL it logs once that emails stay queued (another instance may deliver them).
 *
 * @example
 * ```ts
 * deliverEmailsWithApp(app, { repository, email: { smtpUrl: 'smtp://127.0.0.1:1025' }, now });
 * ```
 */
export function deliverEmailsWithApp(
  app: ReturnType<typeof createAstralServer>,
  options: { repository: { outbox: OutboxStorage }; email: EmailOptions | undefined; now: () => Date },
): void {
  const { smtpUrl, from, pollMs } = options.email ?? {};
  let delivery: EmailDelivery | undefined;
  app.addHook('onReady', async () => {
    if (!smtpUrl) {
      app.log.warn(
        'SMTP_URL is not set: this instance sends no email; emails stay queued in the outbox until an instance with SMTP_URL delivers them',
      );
      return;
    }
    delivery = startEmailDelivery({
      outbox: options.repository.outbox,
      smtpUrl,
      from: from ?? defaultEmailFrom,
      logger: app.log,
      now: options.now,
      ...(pollMs === undefined ? {} : { pollMs }),
    });
  });
  app.addHook('preClose', async () => {
    await delivery?.stop();
  });
}
