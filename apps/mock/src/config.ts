/**
 * The mock's and the sandbox's configuration, read from the environment in this one place:
 * `mockSettings` and `sandboxSettings` declare every variable each server reads (the README
 * table, the start-up checks and their tests follow them).
 */
// The API's config module alone: reading settings must not load the whole API.
import { apiSettings, readConfig } from '@astral/api/config';
import type { OidcSettings } from '@astral/api';
import { defineSettings, file, flag, host, port, readSettings } from '@astral/settings';

export interface ServerConfig {
  host: string;
  port: number;
  dynamic: boolean;
  /** ASTRAL_CONTRACT_JSON: another bundled contract (what `npm start` passes for a contract under edit). */
  contract?: string;
}

const listening = (defaultPort: number) => ({
  HOST: host({ fallback: '127.0.0.1', description: 'interface to bind' }),
  PORT: port({ fallback: defaultPort, description: 'TCP port (0 picks a free one)' }),
  ASTRAL_CONTRACT_JSON: file({
    fallback: undefined,
    description: 'another bundled contract to serve (npm start passes a contract under edit)',
  }),
});

/** Every variable `npm run mock` reads. */
export const mockSettings = defineSettings({
  ...listening(4010),
  ASTRAL_MOCK_DYNAMIC: flag({ description: 'generate every answer from the schemas instead of serving the examples' }),
});

/**
 * Every variable `npm run sandbox` reads: where it listens, and the email and sign-in
 * settings of the reference API inside it, declared by the API.
 */
export const sandboxSettings = defineSettings({
  ...listening(4011),
  ...apiInside(),
});

/** The API's own declarations of the variables the sandbox's API reads. */
function apiInside() {
  const { SMTP_URL, EMAIL_FROM, APP_URL, OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL } = apiSettings;
  return { SMTP_URL, EMAIL_FROM, APP_URL, OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL };
}

/**
 * Reads the mock's HOST, PORT (default 4010), ASTRAL_MOCK_DYNAMIC (`1` or `true` turns on
 * generated responses) and ASTRAL_CONTRACT_JSON; a malformed one throws a `SettingsError` naming it.
 *
 * @example
 * ```ts
 * readMockConfig({ PORT: '0' }); // { host: '127.0.0.1', port: 0, dynamic: false }
 * ```
 */
export function readMockConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const settings = readSettings(mockSettings, env);
  const config: ServerConfig = { host: settings.HOST, port: settings.PORT, dynamic: settings.ASTRAL_MOCK_DYNAMIC };
  if (settings.ASTRAL_CONTRACT_JSON) config.contract = settings.ASTRAL_CONTRACT_JSON;
  return config;
}

/** The sandbox's settings: where it listens and what the API inside it sends email and signs in with. */
export interface SandboxConfig extends Omit<ServerConfig, 'dynamic'> {
  /** As the API in development: the local mail catcher unless SMTP_URL says otherwise. */
  smtpUrl: string | undefined;
  emailFrom: string;
  appUrl: string;
  oidc: OidcSettings | undefined;
}

/**
 * Reads the sandbox's settings (PORT default 4011); a malformed one throws a `SettingsError` naming it.
 *
 * @example
 * ```ts
 * readSandboxConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl; // "smtp://127.0.0.1:2525"
 * ```
 */
export function readSandboxConfig(env: NodeJS.ProcessEnv): SandboxConfig {
  const settings = readSettings(sandboxSettings, env);
  // The API inside reads its variables as `npm run api` does in development (its defaults, the OIDC rule).
  const api = readConfig({ ...Object.fromEntries(Object.keys(apiInside()).map((name) => [name, env[name]])), ASTRAL_MODE: 'development' });
  const config: SandboxConfig = {
    host: settings.HOST,
    port: settings.PORT,
    smtpUrl: api.smtpUrl,
    emailFrom: api.emailFrom,
    appUrl: api.appUrl,
    oidc: api.oidc,
  };
  if (settings.ASTRAL_CONTRACT_JSON) config.contract = settings.ASTRAL_CONTRACT_JSON;
  return config;
}
