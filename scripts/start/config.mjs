// Everything `npm start` can be told, read from the environment in this one place.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const at = (...parts) => join(repoRoot, ...parts);

/**
 * The servers `npm start` runs, in start order, with the env var that moves each one.
 * `reloads` says when a contract edit restarts it: `first` with the type generation (what
 * frontend code waits for), `after` with the docs and the lint.
 */
export const SERVICES = [
  { name: 'api', label: 'Reference API', portEnv: 'ASTRAL_API_PORT', defaultPort: 3000, entry: at('apps/api/dist/main.js'), api: true },
  { name: 'mock', label: 'Mock (Prism)', portEnv: 'ASTRAL_MOCK_PORT', defaultPort: 4010, entry: at('apps/mock/dist/mock-main.js'), api: true, reloads: 'first' },
  { name: 'sandbox', label: 'Sandbox', portEnv: 'ASTRAL_SANDBOX_PORT', defaultPort: 4011, entry: at('apps/mock/dist/sandbox-main.js'), api: true, reloads: 'after' },
  { name: 'docs', label: 'Docs', portEnv: 'ASTRAL_DOCS_PORT', defaultPort: 8080, entry: at('apps/docs/scripts/serve-docs.mjs'), api: false },
];

function port(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port from 1 to 65535, got "${raw}"`);
  return value;
}

/**
 * The start configuration. ASTRAL_CONTRACT_DIR watches another copy of the contract (its
 * bundle, types and docs then go to ASTRAL_START_OUT, a temporary folder by default, never
 * over the real build outputs); the tests use it so that they never touch openapi/.
 *
 * @example
 * readStartConfig({ ASTRAL_MOCK_PORT: '4020' }).services.find((s) => s.name === 'mock').port; // 4020
 */
export function readStartConfig(env = process.env) {
  const host = '127.0.0.1';
  const customContract = Boolean(env.ASTRAL_CONTRACT_DIR);
  const contractDir = customContract ? resolve(env.ASTRAL_CONTRACT_DIR) : at('openapi');
  const outDir = customContract ? resolve(env.ASTRAL_START_OUT || join(tmpdir(), `astral-start-${process.pid}`)) : null;
  return {
    host,
    contractDir,
    contractEntry: join(contractDir, 'openapi.yaml'),
    /** Where bundle and generate write; null means their usual places in packages/openapi. */
    outDir,
    contractJson: outDir ? join(outDir, 'contract', 'openapi.json') : at('packages/openapi/dist/contract/openapi.json'),
    docsDir: outDir ? join(outDir, 'docs') : at('apps/docs/dist'),
    /** The default contract is built by turbo (cached); a custom one by the scripts directly. */
    useTurbo: !customContract,
    debounceMs: 150,
    services: SERVICES.map((service) => ({ ...service, port: port(env, service.portEnv, service.defaultPort) })),
  };
}
