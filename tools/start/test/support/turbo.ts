// `turbo run` in a copy of the repository, with the run summary turbo writes (`--summarize`):
// how many tasks ran, how many were cache hits, and which were not.
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

/**
 * @example
 * const run = await turboRun(copy.root, ['build']);
 * run.cached === run.attempted; // every task restored from the cache ("FULL TURBO")
 */
export async function turboRun(root: string, args: string[]): Promise<TurboRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' };
  delete env.TURBO_CACHE_DIR; // the copy's own .turbo/cache
  const child = spawn(join(root, 'node_modules/.bin/turbo'), ['run', ...args, '--summarize', '--output-logs=errors-only'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
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
