// What the npm start tests need to run the orchestrator as a user does and to prove that
// nothing it started outlives it: free loopback ports, waiting on output, the process tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { descendantsOf, freePort, stopProcessTree } from '@astral/settings/npm-script';

export { freePort };

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
export const descendants = descendantsOf;

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

/** SIGTERM to it and anything it started, SIGKILL to what is left after 15 s: a failed test leaves nothing behind. */
export async function stopOrchestrator(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await stopProcessTree(child.pid!, 15_000);
}
