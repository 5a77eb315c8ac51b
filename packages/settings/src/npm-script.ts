/**
 * Test support: runs a root npm script (`npm run api`) as a user does, through turbo, so a
 * test can prove that the settings it sets reach the app. The script runs in its own
 * process group; `stop` ends the whole group (npm, turbo and the server turbo started).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
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
  /** Stops the process group: SIGTERM, SIGKILL after `graceMs`; later calls are no-ops. */
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
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* the group is gone */
    }
  };
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
        if (child.exitCode === null && child.signalCode === null) signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        // Anything left in the group (a server turbo started) goes too.
        signalGroup('SIGKILL');
      })();
      return stopped;
    },
  };
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

/**
 * A port nothing listens on now on 127.0.0.1 (a script binds it a few seconds later, after
 * turbo's cached build).
 *
 * @example
 * ```ts
 * const api = startNpmScript('api', { PORT: String(await freePort()) });
 * ```
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
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
