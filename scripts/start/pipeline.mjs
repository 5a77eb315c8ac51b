// The contract's build steps: all of them through turbo on the way up (cached), and the
// fast path on every edit: lint, bundle and generate run the package's own scripts directly,
// then the docs are rebuilt in-process.
import { join } from 'node:path';
import { buildDocs } from '../../apps/docs/src/build.mjs';
import { repoRoot } from './config.mjs';
import { runStep } from './processes.mjs';

const openapiScripts = join(repoRoot, 'packages/openapi/scripts');

/** `turbo run lint:spec build`: lint, bundle, generate and every build, cached. */
export async function buildEverything() {
  const turbo = join(repoRoot, 'node_modules/.bin/turbo');
  const { code } = await runStep({
    name: 'build',
    command: turbo,
    args: ['run', 'lint:spec', 'build', '--output-logs=errors-only'],
    cwd: repoRoot,
    env: { TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off' },
  });
  if (code !== 0) throw new Error('the build failed (see above); fix it and run npm start again');
}

function contractEnv(config) {
  return {
    REDOCLY_TELEMETRY: 'off',
    ASTRAL_CONTRACT_ENTRY: config.contractEntry,
    ...(config.outDir ? { ASTRAL_CONTRACT_OUT: config.outDir } : {}),
  };
}

const script = (config, name, file) =>
  runStep({ name, command: process.execPath, args: [join(openapiScripts, file)], cwd: repoRoot, env: contractEnv(config) });

/** Lints the contract; problems are shown, never fatal (the contract is rebuilt anyway). */
export async function lintContract(config) {
  const { code } = await script(config, 'lint', 'lint-contract.mjs');
  if (code !== 0) console.error('[lint] the contract has lint problems (above); rebuilt anyway');
}

/**
 * Bundles the contract; once the bundle is written, `afterBundle` (the first reloads) runs
 * alongside the type generation. Resolves `false`, keeping the last good bundle, when the
 * contract does not bundle.
 */
export async function rebuildContract(config, afterBundle = async () => {}) {
  const bundle = await script(config, 'build', 'bundle-contract.mjs');
  if (bundle.code !== 0) {
    console.error('[build] the contract does not bundle (above); still serving the last good one');
    return false;
  }
  const generate = script(config, 'build', 'generate-types.mjs').then(({ code }) => {
    if (code !== 0) console.error('[build] type generation failed (above)');
  });
  await Promise.all([generate, afterBundle()]);
  return true;
}

/** Rebuilds the docs site from the current bundle. */
export async function rebuildDocs(config) {
  const { ms } = await buildDocs({ contractPath: config.contractJson, outDir: config.docsDir });
  console.log(`[docs] rebuilt in ${ms} ms`);
}
