/**
 * The mail catcher's configuration, read from the environment in this one place. Every
 * variable has a safe local default: loopback only, SMTP on 1025, the inbox on 8025 (the
 * ports MailHog and Mailpit use, so existing habits and tools carry over).
 */

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

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

/**
 * Reads HOST, MAIL_SMTP_PORT, MAIL_HTTP_PORT and MAIL_MAX_MESSAGES.
 *
 * @example
 * ```ts
 * readMailConfig({ MAIL_SMTP_PORT: '0' }); // { host: '127.0.0.1', smtpPort: 0, httpPort: 8025, maxMessages: 500 }
 * ```
 */
export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return {
    host: env.HOST || '127.0.0.1',
    smtpPort: integer(env, 'MAIL_SMTP_PORT', 1025, 0, 65535),
    httpPort: integer(env, 'MAIL_HTTP_PORT', 8025, 0, 65535),
    maxMessages: integer(env, 'MAIL_MAX_MESSAGES', 500, 1, 1_000_000),
  };
}
