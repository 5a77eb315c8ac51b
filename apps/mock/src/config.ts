/** The servers' configuration, read from the environment in this one place. */

export interface ServerConfig {
  host: string;
  port: number;
  dynamic: boolean;
  /** ASTRAL_CONTRACT_JSON: another bundled contract (what `npm start` passes for a contract under edit). */
  contract?: string;
}

/**
 * Reads HOST (default 127.0.0.1), PORT (default `defaultPort`), ASTRAL_MOCK_DYNAMIC (`1`
 * or `true` turns on generated responses) and ASTRAL_CONTRACT_JSON (another bundled contract).
 *
 * @example
 * ```ts
 * readServerConfig({ PORT: '0' }, 4010); // { host: '127.0.0.1', port: 0, dynamic: false }
 * ```
 */
export function readServerConfig(env: NodeJS.ProcessEnv, defaultPort: number): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? defaultPort : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const dynamic = env.ASTRAL_MOCK_DYNAMIC ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(dynamic)) {
    throw new Error(`ASTRAL_MOCK_DYNAMIC must be 1 or 0, got "${dynamic}"`);
  }
  const config: ServerConfig = { host: env.HOST || '127.0.0.1', port, dynamic: dynamic === '1' || dynamic === 'true' };
  if (env.ASTRAL_CONTRACT_JSON) config.contract = env.ASTRAL_CONTRACT_JSON;
  return config;
}
