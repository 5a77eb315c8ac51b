// `turbo run` in a copy of the repository, with the run summary turbo writes (`--summarize`):
// how many tasks ran, how many were cache hits, and which were not; and the task hashes a run
// would look up (`--dry=json`).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TurboRun {
  exitCode: number;
  output: string;
  attempted: number;
  cached: number;
  /** The tasks that ran instead of being restored from the cache. */
  misses: string[];
}

interface Summary {
  execution: { attempted: number; cached: number; exitCode: number };
  tasks: Array<{ taskId: string; command: string; cache: { status: 'HIT' | 'MISS' } }>;
}

/** Runs turbo in `root` with its own cache (`.turbo/cache` there), whatever the caller's shell says. */
async function turbo(root: string, args: string[]): Promise<{ exitCode: number; output: string; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' };
  delete env.TURBO_CACHE_DIR;
  const child = spawn(join(root, 'node_modules/.bin/turbo'), args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  return { exitCode, output, stdout };
}

/**
 * The hash of every task `turbo run <tasks>` would run in `root` now, without running any
 * (`--dry=json`): the cache key each task that has a script would be looked up under.
 *
 * @example
 * await turboTaskHashes(copy.root, ['build']); // Map { '@astral/openapi#bundle' => '0022b041ed1eb85e', ... }
 */
export async function turboTaskHashes(root: string, tasks: string[]): Promise<Map<string, string>> {
  const { exitCode, output, stdout } = await turbo(root, ['run', ...tasks, '--dry=json']);
  if (exitCode !== 0) throw new Error(`turbo run ${tasks.join(' ')} --dry=json failed (exit ${exitCode}):\n${output}`);
  const plan = JSON.parse(stdout) as { tasks: Array<{ taskId: string; hash: string; command: string }> };
  // A workspace without the script is listed with this command and never runs.
  return new Map(plan.tasks.filter((task) => task.command !== '<NONEXISTENT>').map((task) => [task.taskId, task.hash]));
}

/**
 * @example
 * const run = await turboRun(copy.root, ['build']);
 * run.cached === run.attempted; // every task restored from the cache ("FULL TURBO")
 */
export async function turboRun(root: string, args: string[]): Promise<TurboRun> {
  const { exitCode, output } = await turbo(root, ['run', ...args, '--summarize', '--output-logs=errors-only']);
  const summaryPath = /Summary:\s+(\S+\.json)/.exec(output)?.[1];
  if (!summaryPath) throw new Error(`turbo run ${args.join(' ')} wrote no run summary (exit ${exitCode}):\n${output}`);
  const summary = JSON.parse(await readFile(summaryPath, 'utf8')) as Summary;
  return {
    exitCode,
    output,
    attempted: summary.execution.attempted,
    cached: summary.execution.cached,
    misses: summary.tasks.filter((task) => task.command !== '<NONEXISTENT>' && task.cache.status !== 'HIT').map((task) => task.taskId),
  };
}
