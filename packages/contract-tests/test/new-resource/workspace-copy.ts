// A throwaway copy of the workspace's contract and contract-derived packages, built from a
// changed contract. The packages read the generated operation table when they are
// imported, so proving that a new resource needs no edit in them means building them from
// a contract that has it: the copy gets its own `openapi/` and its own packages, and shares
// everything else (third-party dependencies) with the repository through symlinks.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository this test runs in. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The workspaces copied, in build order (each only depends on those before it). */
const PACKAGES = ['tsconfig', 'openapi', 'server', 'client', 'msw'] as const;
/** The package scripts that build them from the contract, stage by stage; a stage's steps run side by side. */
const BUILD_STAGES: ReadonlyArray<ReadonlyArray<[pkg: (typeof PACKAGES)[number], script: string]>> = [
  [['openapi', 'lint:spec']],
  [['openapi', 'bundle']],
  [['openapi', 'generate']],
  [['openapi', 'build']],
  [
    ['server', 'build'],
    ['client', 'build'],
  ],
  [['msw', 'build']],
];
/** Not copied: built output, caches, scratch files, tests. `src/generated` is regenerated from the copy's contract. */
const SKIPPED = new Set(['node_modules', 'dist', '.turbo', '.scratch', 'test', 'test-results', 'generated']);

export interface WorkspaceCopy {
  root: string;
  /** The copy's bundled contract (what `ASTRAL_CONTRACT_JSON` points a server at). */
  contractJson: string;
  /** Imports a built entry of a copied package: `importBuilt('server')`. */
  importBuilt<T>(pkg: 'openapi' | 'server' | 'client' | 'msw', entry?: string): Promise<T>;
  /** Seconds each build step took, for the record. */
  timings: Array<{ step: string; seconds: number }>;
  remove(): Promise<void>;
}

/** Runs a package script the way `npm run` would (its shell line, the repo's tools on PATH). */
function runScript(cwd: string, line: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${line} (in ${cwd}) exited ${code}:\n${output}`))));
  });
}

/** `node_modules` of the copy: the repository's entries by symlink, `@astral/*` pointing into the copy. */
async function linkDependencies(root: string): Promise<void> {
  const modules = join(root, 'node_modules');
  await mkdir(join(modules, '@astral'), { recursive: true });
  for (const entry of await readdir(join(repoRoot, 'node_modules'))) {
    if (entry === '@astral' || entry.startsWith('.')) continue;
    await symlink(join(repoRoot, 'node_modules', entry), join(modules, entry));
  }
  for (const pkg of PACKAGES) await symlink(join(root, 'packages', pkg), join(modules, '@astral', pkg));
}

/**
 * Copies the contract and the packages into a temporary directory, lets `change` edit the
 * copy's `openapi/`, and builds the packages there with their own scripts.
 *
 * @example
 * ```ts
 * const copy = await buildWorkspaceCopy(async (openapi) => { await cp(fixture, openapi, { recursive: true }); });
 * const { operationTable } = await copy.importBuilt<typeof import('@astral/openapi')>('openapi');
 * await copy.remove();
 * ```
 */
export async function buildWorkspaceCopy(change: (openapiDir: string) => Promise<void>): Promise<WorkspaceCopy> {
  const root = await mkdtemp(join(tmpdir(), 'astral-new-resource-'));
  const timings: WorkspaceCopy['timings'] = [];
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    await cp(join(repoRoot, 'openapi'), join(root, 'openapi'), { recursive: true });
    await cp(join(repoRoot, 'redocly.yaml'), join(root, 'redocly.yaml'));
    for (const pkg of PACKAGES) {
      await cp(join(repoRoot, 'packages', pkg), join(root, 'packages', pkg), {
        recursive: true,
        filter: (source) => !SKIPPED.has(basename(source)),
      });
    }
    await linkDependencies(root);
    await change(join(root, 'openapi'));

    // The copy's scripts find its contract by their own location; nothing may redirect them.
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(repoRoot, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };
    delete env.ASTRAL_CONTRACT_ENTRY;
    delete env.ASTRAL_CONTRACT_OUT;
    for (const stage of BUILD_STAGES) {
      await Promise.all(
        stage.map(async ([pkg, script]) => {
          const dir = join(root, 'packages', pkg);
          const scripts = (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
          const line = scripts[script];
          if (!line) throw new Error(`packages/${pkg} has no "${script}" script`);
          const started = performance.now();
          await runScript(dir, line, env);
          timings.push({ step: `${pkg} ${script}`, seconds: (performance.now() - started) / 1000 });
        }),
      );
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    root,
    contractJson: join(root, 'packages', 'openapi', 'dist', 'contract', 'openapi.json'),
    async importBuilt<T>(pkg: 'openapi' | 'server' | 'client' | 'msw', entry?: string): Promise<T> {
      const manifest = JSON.parse(await readFile(join(root, 'packages', pkg, 'package.json'), 'utf8')) as {
        exports: Record<string, { default: string }>;
      };
      const target = manifest.exports[entry ?? '.']?.default;
      if (!target) throw new Error(`@astral/${pkg} exports no ${entry ?? '.'}`);
      return (await import(pathToFileURL(join(root, 'packages', pkg, target)).href)) as T;
    },
    timings,
    remove,
  };
}
