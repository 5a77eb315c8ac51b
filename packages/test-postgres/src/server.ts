/**
 * A throwaway PostgreSQL server: a private data directory in the temp folder, a free port on
 * 127.0.0.1, a Unix socket in the same private folder, trust authentication for the
 * `postgres` role. Stopped and deleted by `stop()`, and on process exit if the caller forgot.
 */
import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensurePostgres } from './binaries.js';
import { createDatabase } from './databases.js';

const execFile = promisify(execFileCallback);

export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** The private folder holding the data directory, the socket and the server log. */
  directory: string;
  /** Creates a database (a fresh random name without one) and returns its URL: one per test file keeps suites apart. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and deletes its data. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ThrowawayOptions {
  /**
   * `false` (the default for tests) turns off fsync: the data lives only as long as the
   * test. The benchmark passes `true` so PostgreSQL is measured as it would run.
   */
  durable?: boolean;
  log?: (line: string) => void;
}

/** A port the OS says is free on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `initdb` refuses to run as root, so as root the server programs run as the `postgres`
 * user (Debian's package creates it); any other user runs them as itself.
 */
function asServerUser(program: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':');
  return { uid: Number(passwd[2]), gid: Number(passwd[3]) };
}

/**
 * Starts a throwaway server (about 2 s). Throws with the reason when PostgreSQL cannot run
 * here; `ensurePostgres()` tells that without throwing.
 *
 * @example
 * ```ts
 * const pg = await startThrowawayPostgres();
 * const url = await pg.createDatabase('api_tests');
 * // ... DATABASE_URL=url ...
 * await pg.stop();
 * ```
 */
export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const found = ensurePostgres(options.log);
  if (!found.bin) throw new Error(`PostgreSQL cannot run here: ${found.reason}`);
  const bin = found.bin;
  const root = mkdtempSync(join(tmpdir(), 'astral-pg-'));
  const data = join(root, 'data');
  const ids = postgresIds();
  if (ids) chownSync(root, ids.uid, ids.gid);
  chmodSync(root, 0o700);
  const run = (program: string, args: string[]) => execFile(...asServerUser(join(bin, program), args), { cwd: root });

  let stopped = false;
  const cleanUp = () => rmSync(root, { recursive: true, force: true });
  try {
    await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${root}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    await run('pg_ctl', ['-D', data, '-o', settings, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']);

    const stop = async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopSync);
      try {
        await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        cleanUp();
      }
    };
    // A test run that dies still takes its server with it.
    const stopSync = () => {
      if (stopped) return;
      try {
        const [program, args] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
        execFileSync(program, args, { stdio: 'ignore' });
      } catch {
        // Already gone.
      }
      cleanUp();
    };
    process.once('exit', stopSync);

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      directory: root,
      createDatabase: (name) => createDatabase(url, name),
      stop,
    };
  } catch (error) {
    cleanUp();
    throw error;
  }
}
