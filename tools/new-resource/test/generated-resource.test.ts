// The proof that `npm run new:resource` gives a working resource: in a copy of the repository
// (test/support/repository-copy.ts) it adds "Running Shoe" (two words, so that
// every spelling differs: RunningShoe, runningShoes, running_shoes, running-shoes), then runs
// on the copy what a new resource
// touches, each with the repository's own scripts and settings: the contract's lint (Redocly
// with the house rules) and bundle, the OWASP lint of the bundle, the types and the packages
// built from it, the type-check of all of apps/api (src and test), Prettier and ESLint on
// the files written, the generated apps/api test on SQLite and PostgreSQL, and apps/api's
// tests that every resource folder and migration file is registered. A second run
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

// Hang guards, not speed claims: each step (tsc over apps/api, the builds) takes seconds alone
// (tsc 11 s), but beside the rest of `npm test` on two cores it gets a small share of a core.
const STEP_GUARD_MS = 600_000;

beforeAll(async () => {
  copy = await copyRepository();
}, 300_000);

afterAll(async () => {
  if (!copy) return;
  const steps = copy.timings.map((t) => `${t.step} ${t.seconds.toFixed(1)} s`).join('; ');
  console.log(`new-resource proof: ${((performance.now() - started) / 1000).toFixed(1)} s in all (${steps})`);
  await copy.remove();
});

it('writes the contract files, the apps/api resource, its migration, registration and test', async () => {
  const output = await copy.run('npm run new:resource -- "Running Shoe"');
  written = [...output.matchAll(/^ {2}(\S.*)$/gm)].map((match) => match[1]!);
  expect(written).toEqual(
    expect.arrayContaining([
      'openapi/paths/running-shoes.yaml',
      'openapi/paths/running-shoes_{running_shoe_id}.yaml',
      'openapi/components/schemas/RunningShoe.yaml',
      'apps/api/src/resources/runningShoes/index.ts',
      expect.stringMatching(/^apps\/api\/src\/storage\/migrations\/\d{3}-running-shoes\.ts$/),
      'apps/api/test/running-shoes.test.ts',
      'packages/contract-tests/test/running-shoes-vs-contract.ts',
      'openapi/openapi.yaml',
      'apps/api/src/resources/index.ts',
      'apps/api/src/storage/migrations/index.ts',
      'packages/contract-tests/test/contract.test.ts',
    ]),
  );
  expect(await readFile(join(copy.root, 'apps/api/src/resources/index.ts'), 'utf8')).toContain(
    "import { runningShoes } from './runningShoes/index.js';",
  );
  expect(await readFile(join(copy.root, 'openapi/openapi.yaml'), 'utf8')).toContain(
    '  /running-shoes/{running_shoe_id}:\n    $ref: paths/running-shoes_{running_shoe_id}.yaml',
  );
});

it('refuses a name that exists, or a malformed one, and writes nothing', async () => {
  const before = await snapshot(copy.root);
  await expect(copy.run('npm run new:resource -- "Running Shoe"')).rejects.toThrow(/"Running Shoe" is taken: .*Nothing was written/s);
  await expect(copy.run('npm run new:resource -- "Race"')).rejects.toThrow(/"Race" is taken/);
  await expect(copy.run('npm run new:resource -- "2 shoes"')).rejects.toThrow(/is not a resource name/);
  expect(await snapshot(copy.root)).toEqual(before);
});

it(
  'passes the contract lint (recommended and the house rules) and bundles',
  async () => {
    await copy.run('npm run lint:spec', 'packages/openapi');
    await copy.run('npm run bundle', 'packages/openapi');
  },
  STEP_GUARD_MS,
);

it(
  'passes the OWASP lint, and the packages build from the contract',
  async () => {
    await copy.run('npm run generate && npm run build', 'packages/openapi');
    await Promise.all([copy.run('npm run lint:owasp', 'packages/openapi'), copy.run('npm run build', 'packages/server')]);
  },
  STEP_GUARD_MS,
);

it(
  'type-checks apps/api (src and test) with the resource registered',
  async () => {
    await copy.run('tsc -p tsconfig.json --noEmit', 'apps/api');
  },
  STEP_GUARD_MS,
);

it(
  'formats and lints the TypeScript it wrote as the repository does',
  async () => {
    const code = written.filter((file) => file.endsWith('.ts'));
    expect(code.length).toBeGreaterThan(0);
    await copy.run(`prettier --check ${code.map((file) => `'${file}'`).join(' ')}`);
    const api = code.filter((file) => file.startsWith('apps/api/')).map((file) => `'${file.slice('apps/api/'.length)}'`);
    await copy.run(`eslint --max-warnings 0 ${api.join(' ')}`, 'apps/api');
  },
  STEP_GUARD_MS,
);

it(
  'passes the generated apps/api test on both databases, and the tests that every folder and migration is registered',
  async () => {
    const output = await copy.run(
      'vitest run test/running-shoes.test.ts test/resources.test.ts test/migrations.test.ts --reporter=verbose',
      'apps/api',
    );
    expect(output).toMatch(/running shoes on '?sqlite/);
    expect(output).toMatch(/running shoes on '?postgres/);
    expect(output).toMatch(/lists every resource folder in resources\/index\.ts/);
    expect(output).not.toMatch(/NOT RUN|skipped/);
  },
  STEP_GUARD_MS,
);
