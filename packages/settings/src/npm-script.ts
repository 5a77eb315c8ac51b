/**
 * Test support: runs a root npm script (`npm run api`) as a user does, through turbo, so a
 * test can prove that the settings it sets reach the app. The script runs in its own
 * process group; `stop` ends every process it started (npm, turbo and the server turbo started).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `packages/settings/dist/npm-script.js`). */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface NpmScript {
  /** Everything the script printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the script ends by itself. */
  exited: Promise<number | null>;
  /** Stops every process the script started: SIGTERM, SIGKILL after `graceMs`; later calls are no-ops. */
  stop(graceMs?: number): Promise<void>;
}

/** On a loaded 2-core machine a turbo run with cached builds and a cold server start can take a minute. */
const defaultTimeoutMs = 120_000;

/**
 * Starts `npm run <script>` in the repository root with `env` on top of this process's.
 *
 * @example
 * ```ts
 * const api = startNpmScript('api', { PORT: '0', SMTP_URL: smtp.url });
 * const [, origin] = await api.waitFor(/listening on (http:\S+)\/api\/v1/);
 * await api.stop();
 * ```
 */
export function startNpmScript(script: string, env: NodeJS.ProcessEnv): NpmScript {
  const child: ChildProcess = spawn('npm', ['run', '--silent', script], {
    cwd: repositoryRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  let stopped: Promise<void> | undefined;
  return {
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = defaultTimeoutMs) {
      return new Promise((resolve, reject) => {
        let ended = false;
        void exited.then(() => (ended = true));
        const started = Date.now();
        const poll = () => {
          const match = output.match(pattern);
          if (match) return resolve(match);
          if (ended) return reject(new Error(`npm run ${script} exited before printing ${pattern}; output:\n${output}`));
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`));
          setTimeout(poll, 50);
        };
        poll();
      });
    },
    stop(graceMs = 10_000) {
      stopped ??= (async () => {
        // Once npm has exited its pid may be reused: then only its group (kept while a member lives) is ours.
        if (child.exitCode === null && child.signalCode === null) await stopProcessTree(child.pid!, graceMs);
        else signal(-child.pid!, 'SIGKILL');
        await exited;
      })();
      return stopped;
    },
  };
}

/**
 * Stops `root` and every process below it, in whatever process group: SIGTERM to each, then
 * SIGKILL to any still running after `graceMs`, and to `root`'s group; resolves once they
 * have all stopped. turbo runs each task
 * in a process group of its own, so signalling the script's group alone could orphan the
 * server when turbo went before its task had stopped. Processes are collected while they
 * run, since one whose parent has exited is no longer below `root`.
 *
 * @example
 * ```ts
 * await stopProcessTree(child.pid!, 10_000);
 * ```
 */
export async function stopProcessTree(root: number, graceMs: number): Promise<void> {
  const seen = new Set<number>([root]);
  const running = () => {
    for (const pid of descendantsOf(root)) seen.add(pid);
    return [...seen].filter(isRunning);
  };
  for (const pid of running()) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (running().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const pid of running()) signal(pid, 'SIGKILL');
  signal(-root, 'SIGKILL');
  // A killed process is gone a moment after the signal, not at it: return once it is.
  const killedBy = Date.now() + 5_000;
  while (running().length > 0 && Date.now() < killedBy) await new Promise((resolve) => setTimeout(resolve, 20));
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
}

/**
 * Every process below `root` now (children, grandchildren...), read from `/proc` (each
 * process's `stat` names its parent); zombies, dead but not yet reaped, are left out.
 *
 * @example
 * ```ts
 * const servers = descendantsOf(child.pid!);
 * ```
 */
export function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') parentOf.set(Number(entry), Number(ppid));
    } catch {
      /* exited while listing */
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of parentOf) {
      if (ppid !== parent) continue;
      found.push(pid);
      queue.push(pid);
    }
  }
  return found;
}

/** Whether `pid` still runs (a zombie, dead but not yet reaped by its parent, does not). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Runs `node file` with `env` on top of this process's until it exits (killed after
 * `timeoutMs`: a server that starts instead of refusing its settings ends with code null).
 *
 * @example
 * ```ts
 * const { code, output } = await runUntilExit('apps/api/dist/main.js', { PORT: 'x' });
 * // code 1, output "astral-api: PORT must be an integer from 0 to 65535, got \"x\""
 * ```
 */
export async function runUntilExit(
  file: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

/** Ports this process has handed out: two servers of one test never get the same one. */
const handedOut = new Set<number>();

/**
 * A port nothing listens on now on 127.0.0.1, below the kernel's ephemeral range (32768 and
 * up on Linux). A script binds it only after turbo's cached build, seconds later, and a test
 * checks it is closed after the stop; a port the kernel handed out (listen on 0) could in
 * either moment go to another test's server or outgoing connection. Ports below that range
 * are only ever taken by name, so this one stays ours.
 *
 * @example
 * ```ts
 * const api = startNpmScript('api', { PORT: String(await freePort()) });
 * ```
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise((resolve) => server.close(resolve));
    handedOut.add(port);
    return port;
  }
}

/**
 * Whether nothing accepts connections on `port` of 127.0.0.1 within `withinMs` (a stopped
 * server is gone). The kernel closes a killed server's sockets only once the process has
 * died, which on a loaded machine can come a moment after the signal: so poll, within a bound.
 *
 * @example
 * ```ts
 * await api.stop();
 * expect(await portClosed(port)).toBe(true);
 * ```
 */
export async function portClosed(port: number, withinMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (!(await acceptsConnections(port))) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
