/**
 * The mail catcher's configuration, read from the environment in this one place:
 * `mailSettings` declares every variable (the README table, the start-up checks and their
 * tests follow it). Every variable has a safe local default: loopback only, SMTP on 1025,
 * the inbox on 8025 (the ports MailHog and Mailpit use, so existing habits and tools carry over).
 */
import { defineSettings, host, integer, port, readSettings } from '@astral/settings';

export interface MailConfig {
  /** `HOST`, default 127.0.0.1. */
  host: string;
  /** `MAIL_SMTP_PORT`, default 1025; 0 picks a free port. */
  smtpPort: number;
  /** `MAIL_HTTP_PORT`, default 8025; 0 picks a free port. */
  httpPort: number;
  /** `MAIL_MAX_MESSAGES`, default 500: the oldest go first. */
  maxMessages: number;
}

/** Every variable the mail catcher reads: name, parser, description. */
export const mailSettings = defineSettings({
  HOST: host({ fallback: '127.0.0.1', description: 'interface to bind' }),
  MAIL_SMTP_PORT: port({ fallback: 1025, description: 'SMTP port (0 picks a free one)' }),
  MAIL_HTTP_PORT: port({ fallback: 8025, description: 'port of the inbox and its JSON API (0 picks a free one)' }),
  MAIL_MAX_MESSAGES: integer({ fallback: 500, min: 1, max: 1_000_000, description: 'messages kept; the oldest go first' }),
});

/**
 * Reads HOST, MAIL_SMTP_PORT, MAIL_HTTP_PORT and MAIL_MAX_MESSAGES; a malformed one throws
 * a `SettingsError` naming it.
 *
 * @example
 * ```ts
 * readMailConfig({ MAIL_SMTP_PORT: '0' }); // { host: '127.0.0.1', smtpPort: 0, httpPort: 8025, maxMessages: 500 }
 * ```
 */
export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const settings = readSettings(mailSettings, env);
  return {
    host: settings.HOST,
    smtpPort: settings.MAIL_SMTP_PORT,
    httpPort: settings.MAIL_HTTP_PORT,
    maxMessages: settings.MAIL_MAX_MESSAGES,
  };
}
