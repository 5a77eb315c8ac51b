/**
 * Process control for the built API (`apps/api/dist/main.js`): start it on a free port of
 * 127.0.0.1 with its own data directory, wait until it answers, stop it gracefully or with
 * SIGKILL, and check its SQLite file afterwards.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { basePath } from './contract.js';

/**
 * A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it: listen on 0, close).
 *
 * @example
 * ```ts
 * const port = await freePort(); // e.g. 41234
 * ```
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh temporary directory for one API's data. */
export function tempDataDir(label = 'astral-reliability'): string {
  return mkdtempSync(join(tmpdir(), `${label}-`));
}

/** Where the built API's entry point is (resolved through the workspace link of `@astral/api`). */
export function apiEntryPoint(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@astral/api/package.json')), 'dist', 'main.js');
}

/** A running API process. */
export interface ApiProcess {
  pid: number;
  port: number;
  baseUrl: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL now: the crash. */
  kill9(): Promise<void>;
}

/** Options of {@link startApi}. */
export interface StartApiOptions {
  dataDir: string;
  port?: number;
  mode?: 'development' | 'test' | 'production';
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/**
 * Starts `node apps/api/dist/main.js` on 127.0.0.1 and a free port, and waits until it answers HTTP.
 *
 * @example
 * ```ts
 * const api = await startApi({ dataDir: tempDataDir() });
 * await fetch(`${api.baseUrl}/api/v1/auth/me`); // 401
 * await api.stop();
 * ```
 */
export async function startApi(options: StartApiOptions): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, [apiEntryPoint()], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ASTRAL_MODE: options.mode ?? 'development',
      ASTRAL_DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const api: ApiProcess = {
    pid: child.pid!,
    port,
    baseUrl,
    dataDir: options.dataDir,
    child,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`the API exited before answering:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}${basePath}/auth/me`);
      await response.arrayBuffer();
      return api;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await api.kill9();
  throw new Error(`the API did not answer on ${baseUrl} within ${options.readyTimeoutMs ?? 20_000} ms:\n${output}`);
}

/** The SQLite files in a data directory. */
export function databaseFiles(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => /\.(sqlite|db|sqlite3)$/.test(name))
    .map((name) => join(dataDir, name));
}

/**
 * `PRAGMA integrity_check` on every SQLite file of a data directory (opening it replays the
 * WAL, as a restart would). Resolves with the first non-`ok` answer, or `ok`.
 *
 * @example
 * ```ts
 * integrityCheck(dataDir); // "ok"
 * ```
 */
export function integrityCheck(dataDir: string): string {
  const files = databaseFiles(dataDir);
  if (files.length === 0) return `no database file in ${dataDir}`;
  for (const file of files) {
    const db = new Database(file);
    try {
      const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
      const answer = rows.map((row) => row.integrity_check).join('; ');
      if (answer !== 'ok') return `${file}: ${answer}`;
    } finally {
      db.close();
    }
  }
  return 'ok';
}

/** Resident memory of a process in bytes (`ps`, so it works on Linux and macOS). */
export async function residentMemory(pid: number): Promise<number> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]);
  return Number(stdout.trim()) * 1024;
}

/** Removes a temporary data directory. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
