// Timing helpers: wall time of a child process, medians, and A-B-A-B rounds.
import { spawn } from 'node:child_process';

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Runs a command to completion and returns its wall time in seconds; fails loudly with
 * its output when it exits non-zero, so a broken step never reports a fast time.
 * @example
 * const seconds = await timeCommand('node', ['--version']);
 */
export async function timeCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const started = performance.now();
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${Buffer.concat(output).toString().slice(-4000)}`);
  }
  return seconds;
}

/**
 * Measures several variants in interleaved rounds so that drift on a shared machine hits
 * every variant alike, and returns each variant's samples. The order turns by one each round
 * (A B C, B C A, C A B, ...): a variant that always ran first, or always right after the same
 * one, would carry what that position costs (a colder cache, the previous variant's garbage).
 */
export async function interleave<K extends string, T = number>(
  rounds: number,
  variants: Record<K, () => Promise<T>>,
): Promise<Record<K, T[]>> {
  const keys = Object.keys(variants) as K[];
  const samples = Object.fromEntries(keys.map((key) => [key, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(round + i) % keys.length]!;
      samples[key].push(await variants[key]());
    }
  }
  return samples;
}
