// What the npm start tests need to run the orchestrator as a user does and to prove that
// nothing it started outlives it: free loopback ports, waiting on output, the process tree.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Ports this process has handed out: two servers of one test never get the same one. */
const handedOut = new Set<number>();

/**
 * A port nothing listens on right now, on 127.0.0.1, below the kernel's ephemeral range
 * (32768 and up on Linux). npm start binds these only after its build, up to a minute later;
 * a port the kernel handed out (listen on 0) could meanwhile go to any other test's server or
 * outgoing connection, and the orchestrator would then wait on someone else's server. Ports
 * below that range are only ever taken by name, so this one stays ours.
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
 * One free port per server npm start runs, as the env vars that move them: `ports` are the
 * HTTP ones (each printed as an http:// URL); `smtpPort` is the mail catcher's SMTP side.
 */
export async function freeServerPorts() {
  const ports = {
    api: await freePort(),
    mock: await freePort(),
    sandbox: await freePort(),
    docs: await freePort(),
    mail: await freePort(),
    web: await freePort(),
  };
  const smtpPort = await freePort();
  const env = {
    ASTRAL_API_PORT: String(ports.api),
    ASTRAL_MOCK_PORT: String(ports.mock),
    ASTRAL_SANDBOX_PORT: String(ports.sandbox),
    ASTRAL_DOCS_PORT: String(ports.docs),
    ASTRAL_MAIL_PORT: String(ports.mail),
    ASTRAL_WEB_PORT: String(ports.web),
    ASTRAL_MAIL_SMTP_PORT: String(smtpPort),
  };
  return { ports, smtpPort, env };
}

export interface Orchestrator {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output: { text: string };
}

/** Runs `node scripts/start.mjs` in the repository at `root`, as `npm start` does. */
export function startOrchestrator(root: string, env: Record<string, string>): Orchestrator {
  const inherited = { ...process.env };
  // The repository's own turbo cache, whatever the caller's shell says.
  delete inherited.TURBO_CACHE_DIR;
  // The mail catcher's, whatever the caller's shell says (npm start passes a set one on instead).
  delete inherited.SMTP_URL;
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  child.stdout.on('data', (chunk) => (output.text += chunk));
  child.stderr.on('data', (chunk) => (output.text += chunk));
  return { child, output };
}

/** Polls `check` every 100 ms; on timeout, fails with the end of the output. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number, log: { text: string }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; output so far:\n${log.text.slice(-4000)}`);
}

/** How many times `pattern` occurs in `text`. */
export const occurrences = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

/** Every process below `pid` (children, grandchildren...). */
export function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of rows) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** A process's command line and environment, from /proc (Linux, where these tests run). */
export function processInfo(pid: number): { command: string; env: Record<string, string> } {
  const read = (file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);
    } catch {
      return []; // gone, or not ours to read
    }
  };
  const env = Object.fromEntries(read('environ').map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  return { command: read('cmdline').join(' '), env };
}

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM, then SIGKILL for it and anything it started that is still there: a failed test leaves nothing behind. */
export async function stopOrchestrator(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const left = descendants(child.pid!);
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  for (const pid of [child.pid!, ...left]) if (alive(pid)) process.kill(pid, 'SIGKILL');
}
