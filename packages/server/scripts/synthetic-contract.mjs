// Builds the types of a synthetic contract ten times the real one (the scale benchmark's
// 10x: the Races resource cloned) into .scratch/synthetic/, for tsconfig.synthetic.json:
// the package's source and type tests compiled against it prove that nothing in
// @astral/server depends on the operations the contract has today. A copy of
// @astral/openapi's source gets the synthetic contract's generated files, so
// `@astral/openapi` resolves to the larger contract there. Run by the `synthetic` task.
import { spawnSync } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationIds, operationTable } from '@astral/openapi';

const FACTOR = 10;
const at = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const openapiPackage = at('../../openapi/');
const target = at('../.scratch/synthetic/');
const openapiSource = join(target, 'openapi-src');

/** Clones of Races that bring the operations to FACTOR times the real count. */
const perClone = operationIds.filter((id) => operationTable[id].path.startsWith('/races')).length;
const copies = Math.ceil((operationIds.length * (FACTOR - 1)) / perClone);

function run(script, args, env = {}) {
  const result = spawnSync(process.execPath, [join(openapiPackage, 'scripts', script), ...args], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`${script} exited ${result.status}`);
}

await rm(target, { recursive: true, force: true });
await cp(join(openapiPackage, 'src'), openapiSource, { recursive: true, filter: (path) => basename(path) !== 'generated' });
run('synthetic-contract.mjs', [join(target, 'openapi'), String(copies)]);
// The generated files land in the source copy (ASTRAL_CONTRACT_OUT/generated/).
const env = { ASTRAL_CONTRACT_ENTRY: join(target, 'openapi', 'openapi.yaml'), ASTRAL_CONTRACT_OUT: openapiSource };
run('bundle-contract.mjs', [], env);
run('generate-types.mjs', [], env);
