// Everything `npm start` can be told, read from the environment in this one place, and where
// each server's entry file is: the one its own package's npm script runs, found through the
// package (as Node resolves it), so `npm run mock` and `npm start` always run the same file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * A workspace package's folder and manifest.
 *
 * @example
 * workspacePackage('@astral/mock').dir; // "/…/apps/mock"
 */
export function workspacePackage(name) {
  const manifest = require.resolve(`${name}/package.json`);
  return { dir: dirname(manifest), json: JSON.parse(readFileSync(manifest, 'utf8')) };
}

/**
 * The file a package's npm script runs with `node <file>`.
 *
 * @example
 * scriptEntry('@astral/api', 'api'); // "/…/apps/api/dist/main.js"
 */
export function scriptEntry(name, script) {
  const { dir, json } = workspacePackage(name);
  const command = json.scripts?.[script];
  const file = /^node (\S+)$/.exec(command ?? '')?.[1];
  if (!file)
    throw new Error(`${name}: npm start runs its "${script}" script as \`node <file>\`, but it is ${JSON.stringify(command ?? 'missing')}`);
  return join(dir, file);
}

/**
 * The servers `npm start` runs, in start order, with the env var that moves each one.
 * `reloads` says when a contract edit restarts it: `first`, as soon as @astral/openapi is
 * rebuilt (what frontend code waits for), or `after`, with the docs and the lint. The docs
 * server is not restarted: its files are rebuilt in place. `followsContractJson` is false
 * for the reference API, which always serves the workspace's own contract (it ignores
 * ASTRAL_CONTRACT_JSON), so it is restarted only when that contract is the one watched.
 */
export const SERVICES = [
  {
    name: 'api',
    label: 'Reference API',
    portEnv: 'ASTRAL_API_PORT',
    defaultPort: 3000,
    package: '@astral/api',
    script: 'api',
    api: true,
    reloads: 'after',
    followsContractJson: false,
  },
  {
    name: 'mock',
    label: 'Mock (Prism)',
    portEnv: 'ASTRAL_MOCK_PORT',
    defaultPort: 4010,
    package: '@astral/mock',
    script: 'mock',
    api: true,
    reloads: 'first',
    followsContractJson: true,
  },
  {
    name: 'sandbox',
    label: 'Sandbox',
    portEnv: 'ASTRAL_SANDBOX_PORT',
    defaultPort: 4011,
    package: '@astral/mock',
    script: 'sandbox',
    api: true,
    reloads: 'after',
    followsContractJson: true,
  },
  { name: 'docs', label: 'Docs', portEnv: 'ASTRAL_DOCS_PORT', defaultPort: 8080, package: '@astral/docs', script: 'docs', api: false },
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
 * over the real build outputs); the orchestrator's own tests and the benchmark use it so
 * that they never touch openapi/.
 *
 * @example
 * readStartConfig({ ASTRAL_MOCK_PORT: '4020' }).services.find((s) => s.name === 'mock').port; // 4020
 */
export function readStartConfig(env = process.env) {
  const host = '127.0.0.1';
  const customContract = Boolean(env.ASTRAL_CONTRACT_DIR);
  const contractDir = customContract ? resolve(env.ASTRAL_CONTRACT_DIR) : join(repoRoot, 'openapi');
  const outDir = customContract ? resolve(env.ASTRAL_START_OUT || join(tmpdir(), `astral-start-${process.pid}`)) : null;
  const openapi = workspacePackage('@astral/openapi');
  const services = SERVICES.map((service) => ({
    ...service,
    port: port(env, service.portEnv, service.defaultPort),
    entry: scriptEntry(service.package, service.script),
  }));
  return {
    host,
    contractDir,
    contractEntry: join(contractDir, 'openapi.yaml'),
    /** Where bundle and generate write; null means their usual places in packages/openapi. */
    outDir,
    contractJson: outDir ? join(outDir, 'contract', 'openapi.json') : join(openapi.dir, openapi.json.exports['./openapi.json']),
    // The docs package's build output (apps/docs/dist), or the out folder's.
    docsDir: outDir ? join(outDir, 'docs') : join(workspacePackage('@astral/docs').dir, 'dist'),
    /**
     * The workspace's contract is rebuilt by turbo (cached, and @astral/openapi's compiled
     * table with it); another copy by @astral/openapi's scripts into the out folder.
     */
    useTurbo: !customContract,
    debounceMs: 150,
    services,
    /** The services a contract edit restarts (the reference API only when it serves the watched contract). */
    restartable: services.filter((service) => service.reloads && (!customContract || service.followsContractJson)),
  };
}
