// A package must compile for any valid contract, not only for the operations it has today:
// the source and the type tests (`*.test-d.ts`) are compiled against the types of a
// synthetic contract ten times the real one (the scale benchmark's, the Races resource
// cloned), which the `synthetic` task generates into .scratch/synthetic/ (see
// scripts/synthetic-contract.mjs and tsconfig.synthetic.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operationIds } from '@astral/openapi';
import { operationsOf, type OpenApiDocument } from '@astral/openapi/reader';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const bundle = fileURLToPath(new URL('../.scratch/synthetic/openapi-src/contract/openapi.json', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('the package over a contract ten times the size of the real one', () => {
  it('has the synthetic contract to compile against', () => {
    expect(existsSync(bundle), 'run `npx turbo run synthetic --filter=@astral/server` (the test task depends on it)').toBe(true);
    const operations = operationsOf(JSON.parse(readFileSync(bundle, 'utf8')) as OpenApiDocument);
    expect(operationIds.length).toBeGreaterThan(0);
    expect(operations.length).toBeGreaterThanOrEqual(10 * operationIds.length);
  });

  it('compiles its source and type tests against it', () => {
    const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.synthetic.json', '--noEmit'], { cwd: packageRoot, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
    // About 9 s alone over 480 operations' types; beside the rest of `npm test` on two cores it
    // gets a twelfth of a core, so the guard is generous: it catches a hang, not a slow run.
  }, 480_000);
});
