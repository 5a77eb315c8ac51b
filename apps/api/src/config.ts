/**
 * The API's configuration, read from the environment in this one place: `apiSettings`
 * declares every variable (the README table, the start-up checks and their tests follow it).
 *
 * Every variable has a safe local default, so `node dist/main.js` runs with no setup:
 * 127.0.0.1:3000, development mode, a SQLite file under `apps/api/.data/`. With
 * `DATABASE_URL=postgres://...` the API runs on PostgreSQL instead (several instances may
 * share it). Emails queued in the outbox are sent over `SMTP_URL` (in development, a local
 * catcher on 127.0.0.1:1025 by default).
 */
import { fileURLToPath } from 'node:url';
import {
  defineSettings,
  directory,
  flag,
  host,
  integer,
  oneOf,
  port,
  readSettings,
  SettingProblem,
  SettingsError,
  text,
  url,
  type Setting,
} from '@astral/settings';
import { originPatternProblem } from '@astral/server';
import { defaultEmailFrom } from './email/delivery.js';
import type { OidcSettings } from './resources/auth/id-tokens.js';

/** How the API runs: `development` seeds demo data and prints credentials, `production` seeds nothing. */
export type Mode = (typeof modes)[number];
const modes = ['development', 'test', 'production'] as const;

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
  /** `API_PUBLIC_URL`: the API's public base URL in the calendar feed URLs it hands out; unset: the request's scheme and host. */
  publicUrl: string | undefined;
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

/** The package's own `.data/` directory, wherever the process was started from. */
export const defaultDataDir = fileURLToPath(new URL('../.data', import.meta.url));

/** A configuration value that cannot be used (its message names the variable); the entry point prints it and exits 1. */
export { SettingsError as ConfigError } from '@astral/settings';

/** `CORS_ORIGINS`: a comma-separated allowlist, or `none`; unset is the mode's default (see `readConfig`). */
const corsOrigins: Setting<string[] | undefined> = {
  description: 'the browser origins allowed to call the API, comma-separated, or none',
  fallback: undefined,
  malformed: 'app.example.com',
  parse(raw) {
    if (raw.toLowerCase() === 'none') return [];
    const origins = raw
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    for (const origin of origins) {
      const problem = originPatternProblem(origin);
      if (problem) throw new SettingProblem(`a comma-separated list of origins, or none: ${problem}`);
    }
    return origins;
  },
};

/** Every variable the API reads: name, parser, description. */
export const apiSettings = defineSettings({
  PORT: port({ fallback: 3000, description: 'TCP port (0 picks a free one)' }),
  HOST: host({ fallback: '127.0.0.1', description: 'interface to bind' }),
  ASTRAL_MODE: oneOf(modes, {
    fallback: 'development',
    description: 'development seeds demo data and prints credentials; production seeds nothing',
  }),
  ASTRAL_DATA_DIR: directory({ fallback: defaultDataDir, description: 'folder of the SQLite file' }),
  ASTRAL_IN_MEMORY: flag({ description: 'keep the database in memory; nothing is written to disk' }),
  DATABASE_URL: url({
    fallback: undefined,
    protocols: ['postgres:', 'postgresql:'],
    secret: true,
    example: 'postgres://user:password@host:5432/astral; unset it to use SQLite',
    description: 'run on PostgreSQL instead of SQLite',
  }),
  DATABASE_POOL_SIZE: integer({ fallback: 10, min: 1, max: 1000, description: 'PostgreSQL connections per instance' }),
  SMTP_URL: url({
    fallback: undefined,
    protocols: ['smtp:', 'smtps:'],
    secret: true,
    example: defaultDevelopmentSmtpUrl,
    description: 'where this instance delivers the email outbox (development default: the local catcher)',
  }),
  EMAIL_FROM: text({
    fallback: defaultEmailFrom,
    // `name@domain` or `Display Name <name@domain>`, on one line.
    pattern: /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    expected: 'an address or "Name <address>"',
    malformed: 'Astral',
    description: 'the sender of every email',
  }),
  APP_URL: url({ fallback: defaultAppUrl, description: 'the web app the emailed links open' }),
  API_PUBLIC_URL: url({
    fallback: undefined,
    protocols: ['https:', 'http:'],
    example: 'https://app.nexrex.ai/api/v1',
    description: "the API's public base URL, in the calendar feed URLs it hands out",
  }),
  OIDC_ISSUER: url({ fallback: undefined, description: 'the OpenID Connect issuer of the ID tokens sign-up takes' }),
  OIDC_AUDIENCE: text({
    fallback: undefined,
    pattern: /^\S+$/,
    expected: 'one word (the project id)',
    malformed: 'two words',
    description: "the ID tokens' audience",
  }),
  OIDC_JWKS_URL: url({ fallback: undefined, description: "the issuer's signing keys" }),
  CORS_ORIGINS: corsOrigins,
});

/**
 * Reads the configuration from an environment (defaults to `process.env`); a malformed
 * variable throws a `ConfigError` naming it.
 *
 * @example
 * ```ts
 * const config = readConfig({ PORT: '8080', ASTRAL_MODE: 'production' });
 * config.port; // 8080
 * config.host; // "127.0.0.1"
 * ```
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const settings = readSettings(apiSettings, env);
  const mode = settings.ASTRAL_MODE;
  return {
    port: settings.PORT,
    host: settings.HOST,
    mode,
    dataDir: settings.ASTRAL_DATA_DIR,
    inMemory: settings.ASTRAL_IN_MEMORY,
    databaseUrl: settings.DATABASE_URL,
    poolSize: settings.DATABASE_POOL_SIZE,
    appUrl: settings.APP_URL,
    publicUrl: settings.API_PUBLIC_URL,
    oidc: readOidc(settings),
    smtpUrl: settings.SMTP_URL ?? (mode === 'development' ? defaultDevelopmentSmtpUrl : undefined),
    emailFrom: settings.EMAIL_FROM,
    corsOrigins: settings.CORS_ORIGINS ?? (mode === 'production' ? [] : [...developmentCorsOrigins]),
  };
}

/** All three OIDC variables, or none; a half-configured issuer is a mistake to report at start. */
function readOidc(settings: {
  OIDC_ISSUER: string | undefined;
  OIDC_AUDIENCE: string | undefined;
  OIDC_JWKS_URL: string | undefined;
}): OidcSettings | undefined {
  const { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_JWKS_URL: jwksUrl } = settings;
  if (issuer === undefined && audience === undefined && jwksUrl === undefined) return undefined;
  if (issuer === undefined || audience === undefined || jwksUrl === undefined) {
    throw new SettingsError(
      'OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL',
      'OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together: set all three, or none',
    );
  }
  return { issuer, audience, jwksUrl };
}
