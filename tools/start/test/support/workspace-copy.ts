// A throwaway copy of the repository, for what must not run in the real one: npm start on
// the workspace's own contract while a test edits it, and builds from a cold turbo cache.
// The copy holds what a clone of the working tree would (tracked files and new files git
// does not ignore, so uncommitted work is what gets tested), as a git repository of its own.
// Its node_modules links each third-party package of the original's (nothing is installed
// or compiled again: better-sqlite3 keeps its native build), while node_modules/@astral/*
// point at the copy's own workspaces, so the copy builds and runs its own code.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface WorkspaceCopy {
  root: string;
  remove(): Promise<void>;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=astral-tests', '-c', 'user.email=tests@astral.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

/** The workspace folders (`packages/openapi`, ...) the root package.json's globs name. */
async function workspaceDirs(root: string): Promise<string[]> {
  const { workspaces = [] } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const dirs: string[] = [];
  for (const pattern of workspaces) {
    if (!pattern.endsWith('/*')) {
      dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    const entries = await readdir(join(root, parent), { withFileTypes: true }).catch(() => []);
    dirs.push(...entries.filter((entry) => entry.isDirectory()).map((entry) => `${parent}/${entry.name}`));
  }
  return dirs;
}

async function linkNodeModules(copy: string): Promise<void> {
  const source = join(repoRoot, 'node_modules');
  await mkdir(join(copy, 'node_modules/@astral'), { recursive: true });
  for (const entry of await readdir(source)) {
    // Dot entries are tools' state (.vite, .cache, npm's hidden lockfile), not packages.
    if (entry === '@astral' || (entry.startsWith('.') && entry !== '.bin')) continue;
    await symlink(join(source, entry), join(copy, 'node_modules', entry));
  }
  // npm's workspace links are relative (../../packages/openapi): the same link in the copy
  // points at the copy's workspace.
  for (const entry of await readdir(join(source, '@astral'))) {
    await symlink(await readlink(join(source, '@astral', entry)), join(copy, 'node_modules/@astral', entry));
  }
  // Versions npm could not hoist live in a workspace's own node_modules.
  for (const dir of await workspaceDirs(copy)) {
    const nested = join(repoRoot, dir, 'node_modules');
    if (!existsSync(nested)) continue;
    if (existsSync(join(nested, '@astral'))) {
      throw new Error(`${dir}/node_modules/@astral: a nested workspace link would resolve into the original repository`);
    }
    await symlink(nested, join(copy, dir, 'node_modules'));
  }
}

/**
 * Copies the working tree to a temporary folder. `warmCache` hard-links the original's turbo
 * cache into the copy (its entries are immutable files named by hash), so what is built here
 * is restored there; without it the copy starts cold, as a fresh clone does.
 *
 * @example
 * const copy = await copyWorkspace({ warmCache: true });
 * // ... run turbo or npm start with cwd copy.root ...
 * await copy.remove();
 */
export async function copyWorkspace(options: { warmCache?: boolean } = {}): Promise<WorkspaceCopy> {
  const root = await mkdtemp(join(tmpdir(), 'astral-workspace-'));
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    const files = git(repoRoot, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
    for (const file of files) {
      const from = join(repoRoot, file);
      const stat = await lstat(from).catch(() => undefined);
      if (!stat) continue; // deleted, not yet staged
      await mkdir(dirname(join(root, file)), { recursive: true });
      if (stat.isSymbolicLink()) await symlink(await readlink(from), join(root, file));
      else await copyFile(from, join(root, file));
    }
    // Its own history, so turbo hashes through git as in a clone.
    git(root, 'init', '--quiet');
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '--no-verify', '--message', 'working tree under test');
    await linkNodeModules(root);
    const cache = join(repoRoot, '.turbo/cache');
    if (options.warmCache && existsSync(cache)) {
      await mkdir(join(root, '.turbo'), { recursive: true });
      execFileSync('cp', ['-al', cache, join(root, '.turbo/cache')]);
    }
    return { root, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * Hard-links into the copy's empty turbo cache the original's entries for these task hashes
 * (each entry is immutable files named by its hash), and nothing else: the copy's builds hit
 * exactly those keys. Returns how many of the hashes the original had.
 *
 * @example
 * await seedCache(copy.root, ['0022b041ed1eb85e']); // 1
 */
export async function seedCache(copyRoot: string, hashes: Iterable<string>): Promise<number> {
  const from = join(repoRoot, '.turbo/cache');
  const to = join(copyRoot, '.turbo/cache');
  await mkdir(to, { recursive: true });
  const wanted = new Set(hashes);
  const entries = existsSync(from) ? await readdir(from) : [];
  const found = new Set<string>();
  for (const entry of entries) {
    const hash = /^([0-9a-f]+)[-.]/.exec(entry)?.[1];
    if (hash === undefined || !wanted.has(hash)) continue;
    await link(join(from, entry), join(to, entry));
    found.add(hash);
  }
  return found.size;
}
