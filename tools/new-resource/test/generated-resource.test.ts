// The proof that `npm run new:resource` gives a working resource: in a copy of the repository
// (test/support/repository-copy.ts) it adds "Shoe", then runs on the copy what a new resource
// touches, each with the repository's own scripts and settings: the contract's lint (Redocly
// with the house rules) and bundle, the OWASP lint of the bundle, the types and the packages
// built from it, the type-check of all of apps/api (src and test), Prettier and ESLint on
// the files written, and the generated apps/api test on SQLite and PostgreSQL. A second run
// with the same name is refused and writes nothing.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyRepository, type RepositoryCopy } from './support/repository-copy.js';

let copy: RepositoryCopy;
let written: string[] = [];
const started = performance.now();

/** Every file under `dir` with its size and modification time: what "nothing was written" compares. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !entry.parentPath.includes('node_modules'));
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      const info = await stat(path);
      return `${path} ${info.size} ${info.mtimeMs}`;
    }),
  );
}

beforeAll(async () => {
  copy = await copyRepository();
}, 120_000);

afterAll(async () => {
  if (!copy) return;
  const steps = copy.timings.map((t) => `${t.step} ${t.seconds.toFixed(1)} s`).join('; ');
  console.log(`new-resource proof: ${((performance.now() - started) / 1000).toFixed(1)} s in all (${steps})`);
  await copy.remove();
});

it('writes the contract files, the apps/api resource, its migration, registration and test', async () => {
  const output = await copy.run('npm run new:resource -- "Shoe"');
  written = [...output.matchAll(/^ {2}(\S.*)$/gm)].map((match) => match[1]!);
  expect(written).toEqual(
    expect.arrayContaining([
      'openapi/paths/shoes.yaml',
      'openapi/paths/shoes_{shoe_id}.yaml',
      'openapi/components/schemas/Shoe.yaml',
      'apps/api/src/resources/shoes/index.ts',
      'apps/api/src/storage/migrations/006-shoes.ts',
      'apps/api/test/shoes.test.ts',
      'packages/contract-tests/test/shoes-vs-contract.ts',
      'openapi/openapi.yaml',
      'apps/api/src/resources/index.ts',
      'apps/api/src/storage/migrations/index.ts',
      'packages/contract-tests/test/contract.test.ts',
    ]),
  );
  expect(await readFile(join(copy.root, 'apps/api/src/resources/index.ts'), 'utf8')).toContain("import { shoes } from './shoes/index.js';");
  expect(await readFile(join(copy.root, 'openapi/openapi.yaml'), 'utf8')).toContain(
    '  /shoes/{shoe_id}:\n    $ref: paths/shoes_{shoe_id}.yaml',
  );
});

it('refuses a name that exists, or a malformed one, and writes nothing', async () => {
  const before = await snapshot(copy.root);
  await expect(copy.run('npm run new:resource -- "Shoe"')).rejects.toThrow(/"Shoe" is taken: .*Nothing was written/s);
  await expect(copy.run('npm run new:resource -- "Race"')).rejects.toThrow(/"Race" is taken/);
  await expect(copy.run('npm run new:resource -- "2 shoes"')).rejects.toThrow(/is not a resource name/);
  expect(await snapshot(copy.root)).toEqual(before);
});

it('passes the contract lint (recommended and the house rules) and bundles', async () => {
  await copy.run('npm run lint:spec', 'packages/openapi');
  await copy.run('npm run bundle', 'packages/openapi');
}, 120_000);

it('passes the OWASP lint, and the packages build from the contract', async () => {
  await copy.run('npm run generate && npm run build', 'packages/openapi');
  await Promise.all([copy.run('npm run lint:owasp', 'packages/openapi'), copy.run('npm run build', 'packages/server')]);
}, 240_000);

it('type-checks apps/api (src and test) with the resource registered', async () => {
  await copy.run('tsc -p tsconfig.json --noEmit', 'apps/api');
}, 240_000);

it('formats and lints the TypeScript it wrote as the repository does', async () => {
  const code = written.filter((file) => file.endsWith('.ts'));
  expect(code.length).toBeGreaterThan(0);
  await copy.run(`prettier --check ${code.map((file) => `'${file}'`).join(' ')}`);
  const api = code.filter((file) => file.startsWith('apps/api/')).map((file) => `'${file.slice('apps/api/'.length)}'`);
  await copy.run(`eslint --max-warnings 0 ${api.join(' ')}`, 'apps/api');
}, 240_000);

it('passes the generated apps/api test on both databases', async () => {
  const output = await copy.run('vitest run test/shoes.test.ts --reporter=verbose', 'apps/api');
  expect(output).toMatch(/shoes on '?sqlite/);
  expect(output).toMatch(/shoes on '?postgres/);
  expect(output).not.toMatch(/NOT RUN|skipped/);
}, 240_000);
