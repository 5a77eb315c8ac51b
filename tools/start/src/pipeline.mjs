// The contract's build steps. Start-up: `turbo run lint:spec build` of what npm start runs, cached.
// A contract edit: @astral/openapi's bundle, generate and build, so that a restarted server
// loads an operation table compiled from the contract it serves (never a new contract with
// the old table); then the docs, in-process, and the lint, whose problems are shown and
// never fatal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, scriptEntry } from './config.mjs';
import { operationChanges, servedOperations } from './operation-changes.mjs';
import { runStep } from './processes.mjs';

const OPENAPI = '@astral/openapi';

function turbo(args) {
  return runStep({
    name: 'build',
    command: join(repoRoot, 'node_modules/.bin/turbo'),
    args: ['run', ...args, '--output-logs=errors-only'],
    cwd: repoRoot,
    env: { TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off' },
  });
}

// This package and the workspaces it depends on: the servers npm start runs and everything
// they load. The bench's and the reliability suite's builds are npm test's, not npm start's.
const START = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).name;

/** `turbo run lint:spec build` of what npm start runs: lint, bundle, generate and builds, cached. */
export async function buildEverything() {
  const { code } = await turbo(['lint:spec', 'build', `--filter=${START}...`]);
  if (code !== 0) throw new Error('the build failed (see above); fix it and run npm start again');
}

function contractEnv(config) {
  return {
    REDOCLY_TELEMETRY: 'off',
    ASTRAL_CONTRACT_ENTRY: config.contractEntry,
    ...(config.outDir ? { ASTRAL_CONTRACT_OUT: config.outDir } : {}),
  };
}

/** Runs one of @astral/openapi's npm scripts (`node <file>`) directly: no npm or turbo start-up. */
const openapiScript = (config, name, script) =>
  runStep({ name, command: process.execPath, args: [scriptEntry(OPENAPI, script)], cwd: repoRoot, env: contractEnv(config) });

/** Lints the contract; problems are shown, never fatal (the contract is rebuilt anyway). */
export async function lintContract(config) {
  const { code } = await openapiScript(config, 'lint', 'lint:spec');
  if (code !== 0) console.error('[lint] the contract has lint problems (above); rebuilt anyway');
}

/**
 * Rebuilds what the servers load from the contract, and calls `onServable` as soon as they can
 * be restarted on it. The workspace's own contract: `turbo run build --filter=@astral/openapi`
 * (bundle → generate → the compiled table in dist/lib; an edit that is undone is a cache hit),
 * then `onServable`. Another copy (ASTRAL_CONTRACT_DIR): its bundle and types go to the out
 * folder, and the servers keep the workspace's compiled table, so they need only the bundle:
 * `onServable` runs beside the type generation instead of after it (a second faster to a
 * reloaded mock), and an edit that adds or removes operations is reported
 * (`operationChanges`). Resolves `false` when the contract does not build; the servers are
 * kept as they are, unless only the types failed after they were restarted on the new bundle.
 */
export async function rebuildContract(config, onServable = async () => {}) {
  if (config.useTurbo) {
    const { code } = await turbo(['build', `--filter=${OPENAPI}`]);
    if (code !== 0) {
      console.error('[build] the contract does not build (above); still serving the last good one');
      return false;
    }
    await onServable();
    return true;
  }
  const bundled = await openapiScript(config, 'build', 'bundle');
  if (bundled.code !== 0) {
    console.error("[build] the contract's bundle step failed (above); still serving the last good one");
    return false;
  }
  const [generated] = await Promise.all([openapiScript(config, 'build', 'generate'), onServable()]);
  if (generated.code !== 0) {
    console.error("[build] the contract's generate step failed (above): the servers run the new bundle, the types are the last good ones");
    return false;
  }
  const changes = await operationChanges(await servedOperations(), config.contractJson);
  if (changes.length > 0) {
    console.error(
      `[build] ${changes.join('; ')}: the servers route with the workspace's operation table ` +
        `(built from ${join(repoRoot, 'openapi')}), so routing, 405s and the reference API do not follow this copy; ` +
        'edit openapi/ itself (or a copy of the whole repository) to see them follow',
    );
  }
  return true;
}

/** Rebuilds the docs site from the current bundle. */
export async function rebuildDocs(config) {
  // Loaded once built: the docs build reads @astral/openapi's compiled reader.
  const { buildDocs } = await import('@astral/docs/build');
  const { ms } = await buildDocs({ contractPath: config.contractJson, outDir: config.docsDir });
  console.log(`[docs] rebuilt in ${ms} ms`);
}
