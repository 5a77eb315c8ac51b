// A throwaway copy of what a new resource touches: the contract and its lint configuration,
// the packages built from it (@astral/openapi, @astral/server), apps/api, the contract tests'
// entry file and this generator.
// Third-party dependencies and the packages the contract does not shape (settings,
// test-postgres, eslint-config) are the repository's, by symlink.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Copied, then built in the copy from its own contract. */
const COPIED_PACKAGES = ['tsconfig', 'openapi', 'server'];
const COPIED = [
  'openapi',
  'redocly.yaml',
  '.spectral.yaml',
  '.prettierrc.json',
  '.prettierignore',
  'package.json',
  'vitest.shared.ts',
  'apps/api',
  'tools/new-resource',
  // Where the generator registers the contract-test suite it writes (not run here: see the README).
  'packages/contract-tests/test/contract.test.ts',
  ...COPIED_PACKAGES.map((pkg) => `packages/${pkg}`),
];
/** Not copied: built output, caches, reports; `src/generated` is regenerated from the copy's contract. */
const SKIPPED = new Set(['node_modules', 'dist', '.turbo', '.scratch', 'test-results', 'generated', '.data']);

export interface RepositoryCopy {
  root: string;
  /** Runs a shell line in the copy (`cwd` relative to its root), the repository's tools on PATH; rejects with its output. */
  run(line: string, cwd?: string): Promise<string>;
  /** Seconds each step took, for the record. */
  timings: Array<{ step: string; seconds: number }>;
  remove(): Promise<void>;
}

/**
 * Copies the repository's parts a resource touches into a temporary directory.
 *
 * @example
 * ```ts
 * const copy = await copyRepository();
 * await copy.run('npm run new:resource -- Shoe');
 * await copy.remove();
 * ```
 */
export async function copyRepository(): Promise<RepositoryCopy> {
  const root = await mkdtemp(join(tmpdir(), 'astral-new-resource-'));
  const timings: RepositoryCopy['timings'] = [];
  for (const path of COPIED) {
    await cp(join(repoRoot, path), join(root, path), { recursive: true, filter: (source) => !SKIPPED.has(basename(source)) });
  }
  const modules = join(root, 'node_modules');
  await mkdir(join(modules, '@astral'), { recursive: true });
  for (const entry of await readdir(join(repoRoot, 'node_modules'))) {
    if (entry !== '@astral' && !entry.startsWith('.')) await symlink(join(repoRoot, 'node_modules', entry), join(modules, entry));
  }
  for (const entry of await readdir(join(repoRoot, 'node_modules', '@astral'))) {
    const copied = COPIED_PACKAGES.includes(entry);
    await symlink(
      copied ? join(root, 'packages', entry) : join(repoRoot, 'node_modules', '@astral', entry),
      join(modules, '@astral', entry),
    );
  }

  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };
  for (const name of ['ASTRAL_CONTRACT_ENTRY', 'ASTRAL_CONTRACT_OUT', 'ASTRAL_CONTRACT_JSON']) delete env[name];
  const run = (line: string, cwd = '.') =>
    new Promise<string>((resolve, reject) => {
      const started = performance.now();
      const child = spawn('sh', ['-c', line], { cwd: join(root, cwd), env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => {
        const step = line.length > 50 ? `${line.slice(0, 50)}...` : line;
        timings.push({ step: `${cwd === '.' ? '' : `${cwd}: `}${step}`, seconds: (performance.now() - started) / 1000 });
        if (code === 0) resolve(output);
        else reject(new Error(`${line} (in ${cwd}) exited ${code}:\n${output}`));
      });
    });
  return { root, run, timings, remove: () => rm(root, { recursive: true, force: true }) };
}
