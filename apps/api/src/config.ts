/**
 * The API's configuration, read from the environment in this one place.
 *
 * Every variable has a safe local default, so `node dist/main.js` runs with no setup:
 * 127.0.0.1:3000, development mode, a SQLite file under `apps/api/.data/`. With
 * `DATABASE_URL=postgres://...` the API runs on PostgreSQL instead (several instances may
 * share it). Emails queued in the outbox are sent over `SMTP_URL` (in development, a local
 * catcher on 127.0.0.1:1025 by default).
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { originPatternProblem } from '@astral/server';
import { defaultEmailFrom } from './email/delivery.js';
import type { OidcSettings } from './resources/auth/id-tokens.js';

/** How the API runs: `development` seeds demo data and prints credentials, `production` seeds nothing. */
export type Mode = 'development' | 'test' | 'production';

export interface Config {
  /** TCP port to listen on (`PORT`, default 3000; 0 picks a free port). */
  port: number;
  /** Interface to bind (`HOST`, default 127.0.0.1). */
  host: string;
  /** `ASTRAL_MODE`, default `development`. */
  mode: Mode;
  /** Directory holding the SQLite file (`ASTRAL_DATA_DIR`, default `apps/api/.data`). */
  dataDir: string;
  /** `ASTRAL_IN_MEMORY=1`: keep the database in memory; nothing is written to disk. */
  inMemory: boolean;
  /** `DATABASE_URL` (`postgres://` or `postgresql://`): run on PostgreSQL; unset: SQLite. */
  databaseUrl: string | undefined;
  /** `DATABASE_POOL_SIZE`: PostgreSQL connections per instance (default 10). */
  poolSize: number;
  /** `APP_URL`: the web app the emailed links open (`/signup?token=...`); default `http://127.0.0.1:5173`. */
  appUrl: string;
  /**
   * `OIDC_ISSUER`, `OIDC_AUDIENCE`, `OIDC_JWKS_URL`: where Firebase ID tokens come from
   * (all three, or none: then `POST /auth/signup` refuses every token).
   */
  oidc: OidcSettings | undefined;
  /**
   * `SMTP_URL` (`smtp://host:port`, `smtps://...`): where this instance delivers the email
   * outbox. Default in development `smtp://127.0.0.1:1025`; otherwise none, and this
   * instance delivers nothing (emails stay queued for an instance that does).
   */
  smtpUrl: string | undefined;
  /** `EMAIL_FROM`: the sender of every email (default `Astral <no-reply@astral.local>`). */
  emailFrom: string;
  /**
   * `CORS_ORIGINS`: the browser origins allowed to call the API, comma-separated, each
   * `scheme://host[:port]` or `scheme://host:*` (any port); `none` for none. Default outside
   * production: localhost and 127.0.0.1 on any port (`developmentCorsOrigins`); in
   * production: none.
   */
  corsOrigins: string[];
}

/** The web app of a local `npm start`. */
export const defaultAppUrl = 'http://127.0.0.1:5173';

/** The development mail catcher's address. */
export const defaultDevelopmentSmtpUrl = 'smtp://127.0.0.1:1025';

/** Pages served from this machine, on any port: a local web app, the docs' try-it console. */
export const developmentCorsOrigins: readonly string[] = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

/** `name@domain` or `Display Name <name@domain>`, on one line. */
const senderPattern = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

const modes: readonly Mode[] = ['development', 'test', 'production'];

/** The package's own `.data/` directory, wherever the process was started from. */
export const defaultDataDir = fileURLToPath(new URL('../.data', import.meta.url));

/** A configuration value that cannot be used; the entry point prints it and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from an environment (defaults to `process.env`).
 *
 * @example
 * ```ts
 * const config = readConfig({ PORT: '8080', ASTRAL_MODE: 'production' });
 * config.port; // 8080
 * config.host; // "127.0.0.1"
 * ```
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const mode = (env.ASTRAL_MODE || 'development') as Mode;
  if (!modes.includes(mode)) {
    throw new ConfigError(`ASTRAL_MODE must be one of ${modes.join(', ')}, got "${env.ASTRAL_MODE}"`);
  }
  const inMemoryValue = env.ASTRAL_IN_MEMORY ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(inMemoryValue)) {
    throw new ConfigError(`ASTRAL_IN_MEMORY must be 1 or 0, got "${inMemoryValue}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql:// (unset it to use SQLite)');
  }
  const poolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : 10;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    throw new ConfigError(`DATABASE_POOL_SIZE must be an integer from 1 to 1000, got "${env.DATABASE_POOL_SIZE}"`);
  }
  const appUrl = env.APP_URL || defaultAppUrl;
  if (!isHttpUrl(appUrl)) throw new ConfigError(`APP_URL must be an http:// or https:// URL, got "${appUrl}"`);
  const smtpUrl = env.SMTP_URL || (mode === 'development' ? defaultDevelopmentSmtpUrl : undefined);
  if (smtpUrl !== undefined && !isSmtpUrl(smtpUrl)) {
    throw new ConfigError(`SMTP_URL must be an smtp:// or smtps:// URL with a host, such as ${defaultDevelopmentSmtpUrl}`);
  }
  const emailFrom = (env.EMAIL_FROM || defaultEmailFrom).trim();
  if (!senderPattern.test(emailFrom)) {
    throw new ConfigError(`EMAIL_FROM must be an address or "Name <address>", got "${env.EMAIL_FROM}"`);
  }
  const corsOrigins = readCorsOrigins(env.CORS_ORIGINS, mode);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    mode,
    dataDir: env.ASTRAL_DATA_DIR ? resolve(env.ASTRAL_DATA_DIR) : defaultDataDir,
    inMemory: inMemoryValue === '1' || inMemoryValue === 'true',
    databaseUrl,
    poolSize,
    appUrl,
    oidc: readOidc(env),
    smtpUrl,
    emailFrom,
    corsOrigins,
  };
}

/** The allowlist: unset means the mode's default; `none` means no origin at all. */
function readCorsOrigins(value: string | undefined, mode: Mode): string[] {
  if (value === undefined || value.trim() === '') return mode === 'production' ? [] : [...developmentCorsOrigins];
  if (value.trim().toLowerCase() === 'none') return [];
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    const problem = originPatternProblem(origin);
    if (problem) throw new ConfigError(`CORS_ORIGINS: ${problem}; separate origins with commas, or say none`);
  }
  return origins;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Whether `value` is an SMTP URL nodemailer can use (the URL itself is not echoed: it may hold a password). */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** All three OIDC variables, or none; a half-configured issuer is a mistake to report at start. */
function readOidc(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.OIDC_ISSUER || undefined;
  const audience = env.OIDC_AUDIENCE || undefined;
  const jwksUrl = env.OIDC_JWKS_URL || undefined;
  if (issuer === undefined && audience === undefined && jwksUrl === undefined) return undefined;
  if (issuer === undefined || audience === undefined || jwksUrl === undefined) {
    throw new ConfigError('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together: set all three, or none');
  }
  if (!isHttpUrl(jwksUrl)) throw new ConfigError(`OIDC_JWKS_URL must be an http:// or https:// URL, got "${jwksUrl}"`);
  return { issuer, audience, jwksUrl };
}
