// The docs server's configuration, read from the environment in this one place: `docsSettings`
// declares every variable `npm run docs` reads (the README table, the start-up checks and
// their tests follow it).
import { fileURLToPath } from 'node:url';
import { defineSettings, directory, host, port, readSettings, url } from '@astral/settings';

/** Every variable the docs server reads: name, parser, description. */
export const docsSettings = defineSettings({
  PORT: port({ fallback: undefined, description: 'TCP port (0 picks a free one); wins over ASTRAL_DOCS_PORT' }),
  ASTRAL_DOCS_PORT: port({ fallback: 8080, description: 'TCP port, the name npm start uses' }),
  HOST: host({ fallback: '127.0.0.1', description: 'interface to bind' }),
  ASTRAL_DOCS_DIR: directory({
    fallback: fileURLToPath(new URL('../dist/development/', import.meta.url)),
    description: 'the built site to serve (default the development site; dist/published/ is the one to publish)',
  }),
  ASTRAL_MOCK_URL: url({ fallback: undefined, description: 'the mock the try-it console sends to (its /api/v1 base URL)' }),
  ASTRAL_SANDBOX_URL: url({ fallback: undefined, description: 'the sandbox the try-it console sends to' }),
  ASTRAL_MOCK_PORT: port({ fallback: 4010, min: 1, description: "the local mock's port, when ASTRAL_MOCK_URL is unset" }),
  ASTRAL_SANDBOX_PORT: port({ fallback: 4011, min: 1, description: "the local sandbox's port, when ASTRAL_SANDBOX_URL is unset" }),
});

/** @typedef {{ name: string, url: string }} ConsoleTarget */

/**
 * The docs server's settings; a malformed variable throws a `SettingsError` naming it.
 *
 * @example
 * readDocsConfig({ ASTRAL_MOCK_PORT: '4020' }).targets[0]; // { name: 'mock', url: 'http://127.0.0.1:4020/api/v1' }
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ root: string, port: number, host: string, targets: ConsoleTarget[] }}
 */
export function readDocsConfig(env = process.env) {
  const settings = readSettings(docsSettings, env);
  const local = (/** @type {number} */ port) => `http://127.0.0.1:${port}/api/v1`;
  return {
    root: settings.ASTRAL_DOCS_DIR,
    port: settings.PORT ?? settings.ASTRAL_DOCS_PORT,
    host: settings.HOST,
    // Where the try-it console sends requests: the mock and the sandbox npm start runs, by default.
    targets: [
      { name: 'mock', url: settings.ASTRAL_MOCK_URL ?? local(settings.ASTRAL_MOCK_PORT) },
      { name: 'sandbox', url: settings.ASTRAL_SANDBOX_URL ?? local(settings.ASTRAL_SANDBOX_PORT) },
    ],
  };
}
