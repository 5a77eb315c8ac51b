// turbo's cache holds across the commands people run: a fresh clone's second
// `turbo run build` is all cache hits, and it still is after what `npm test` and `npm start`
// rewrite (the contract's bundle and generated types, npm start's rebuild of @astral/openapi
// and of the docs after an edit and its undo). A miss here means a task reads a file that
// another task of the same run writes: turbo hashes every task's inputs before its
// dependencies have restored or regenerated them, so such a file is hashed in whatever
// state the previous command left it. (The fix: leave those files out of the inputs; the
// dependency's own hash covers them.) Runs on a copy of the working tree, as a fresh clone
// has it. Its first build restores what npm test's own builds (which this task waits for)
// already produced under the same keys, instead of compiling everything a second time: only
// the entries for the keys the fresh copy computes are brought over, so any later key that
// differs is a miss, exactly as it would be after a cold build.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turboRun, turboTaskHashes, type TurboRun } from './support/turbo.js';
import { copyWorkspace, seedCache, type WorkspaceCopy } from './support/workspace-copy.js';

function expectAllHits(run: TurboRun, what: string) {
  expect(run.exitCode, run.output).toBe(0);
  expect(run.misses, `${what}: tasks that were not cache hits`).toEqual([]);
  expect(run.cached, what).toBe(run.attempted);
}

/** What npm start's watch loop runs after a contract edit (tools/start's own pipeline), in the copy. */
async function npmStartRebuild(root: string): Promise<void> {
  const module = (file: string) => JSON.stringify(join(root, 'tools/start/src', file));
  const script = [
    `import { readStartConfig } from ${module('config.mjs')};`,
    `import { rebuildContract, rebuildDocs } from ${module('pipeline.mjs')};`,
    'const config = readStartConfig({});',
    'if (!(await rebuildContract(config))) process.exit(1);',
    'await rebuildDocs(config);',
  ].join('\n');
  const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' };
  delete env.TURBO_CACHE_DIR;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code, output).toBe(0);
}

describe('the turbo build cache', () => {
  let copy: WorkspaceCopy;

  // A hang guard, not a speed goal: the copy (git add and commit of the working tree) took over
  // 60 s once while npm test's other twenty tasks and their PostgreSQL lanes held both cores.
  beforeAll(async () => {
    copy = await copyWorkspace();
  }, 240_000);

  afterAll(async () => {
    await copy?.remove();
  });

  it("is all hits on a fresh clone's second build, and after npm test's and npm start's rebuilds", async () => {
    const timings: string[] = [];
    const timed = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
      const began = performance.now();
      const result = await step();
      timings.push(`${what} ${((performance.now() - began) / 1000).toFixed(1)} s`);
      return result;
    };

    // The keys a fresh clone's first build looks up; the cache holds those and nothing else.
    const freshKeys = await turboTaskHashes(copy.root, ['build']);
    const seeded = await seedCache(copy.root, freshKeys.values());
    const first = await timed(`first build (${seeded} of ${freshKeys.size} keys already built by npm test)`, () =>
      turboRun(copy.root, ['build']),
    );
    expect(first.exitCode, first.output).toBe(0);
    expect(first.attempted).toBe(freshKeys.size);
    expectAllHits(await timed('second build', () => turboRun(copy.root, ['build'])), 'the second build of a fresh clone');

    // npm test runs the contract's tasks again; forced here, so they rewrite their outputs
    // (dist/contract, src/generated) rather than restore them.
    const contract = await timed('bundle and generate, forced', () => turboRun(copy.root, ['bundle', 'generate', '--force']));
    expect(contract.exitCode, contract.output).toBe(0);

    // npm start: an edit of the contract and its undo, each rebuilt as its watch loop does.
    const entry = join(copy.root, 'openapi/openapi.yaml');
    const original = await readFile(entry, 'utf8');
    const title = /^ {2}title: (.+)$/m.exec(original)?.[1];
    expect(title, 'openapi.yaml has an info.title').toBeDefined();
    await writeFile(entry, original.replace(`  title: ${title}\n`, `  title: ${title} (edited)\n`));
    await timed('npm start rebuild after an edit', () => npmStartRebuild(copy.root));
    await writeFile(entry, original);
    await timed('npm start rebuild after its undo', () => npmStartRebuild(copy.root));

    expectAllHits(await timed('third build', () => turboRun(copy.root, ['build'])), "a build after npm test's and npm start's rebuilds");
    console.log(`turbo build cache: ${timings.join(', ')}`);
  }, 900_000);
});
