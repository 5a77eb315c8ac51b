// Child processes: started in their own process group (so a stop reaches anything they
// spawn), output prefixed with the service name, readiness checked over HTTP.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const COLORS = { api: 36, mock: 35, sandbox: 33, docs: 32, mail: 94, web: 96, lint: 31, build: 34 };

/** Prints each line of a stream with a `[name]` prefix. */
export function prefixLines(stream, name, write) {
  let pending = '';
  const color = process.stdout.isTTY && !process.env.NO_COLOR ? COLORS[name] : undefined;
  const tag = color ? `\u001b[${color}m[${name}]\u001b[0m` : `[${name}]`;
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) write(`${tag} ${line}\n`);
  });
  stream.on('end', () => pending && write(`${tag} ${pending}\n`));
}

/**
 * Starts `node entry` with PORT and HOST; the child keeps the parent's environment.
 *
 * @example
 * const child = startProcess({ name: 'docs', entry: 'apps/docs/scripts/serve-docs.mjs', env: { PORT: '8080' } });
 */
export function startProcess({ name, entry, args = [], env = {}, cwd }) {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd,
    env: { ...process.env, ...env },
    // The IPC channel is a lifeline: if npm start dies, even by SIGKILL, it closes and each
    // server's 'disconnect' handler stops it, so no server outlives the orchestrator.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const recent = [];
  const keep = (line) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
  };
  prefixLines(child.stdout, name, (line) => (keep(line), process.stdout.write(line)));
  prefixLines(child.stderr, name, (line) => (keep(line), process.stderr.write(line)));
  child.recent = recent;
  child.exited = once(child, 'exit');
  return child;
}

/** Stops a child and its process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
  // Anything the child left in its group goes too.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* the group is empty */
  }
}

/** Resolves once `url` answers HTTP (any status); rejects if the child exits or time runs out. */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before answering ${url}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Runs a command to completion; resolves with its exit code and output (also streamed). */
export function runStep({ name, command, args, env = {}, cwd, quiet = false }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const write = (stream) => (line) => {
      output += line;
      if (!quiet) stream.write(line);
    };
    prefixLines(child.stdout, name, write(process.stdout));
    prefixLines(child.stderr, name, write(process.stderr));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
