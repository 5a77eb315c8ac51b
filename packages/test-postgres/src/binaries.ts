/**
 * Where Debian's PostgreSQL server programs are, and installing them when they are missing.
 * Debian keeps `initdb` and `pg_ctl` under `/usr/lib/postgresql/<major>/bin`, off the PATH.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest `/usr/lib/postgresql/<major>/bin` holding `initdb` and `pg_ctl`, if any. */
export function findPostgresBin(root = DEBIAN_ROOT): string | undefined {
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

/** Why a PostgreSQL server cannot be had here, or the bin folder when it can. */
export type PostgresAvailability = { bin: string; reason?: undefined } | { bin?: undefined; reason: string };

/**
 * Finds the server programs, installing Debian's `postgresql` package with apt-get when
 * they are missing and this process may (root). Never throws: a machine where PostgreSQL
 * cannot run gets the reason, for the caller to say loudly.
 *
 * @example
 * ```ts
 * const found = ensurePostgres((line) => console.error(line));
 * if (!found.bin) console.error(`PostgreSQL lane skipped: ${found.reason}`);
 * ```
 */
export function ensurePostgres(log: (line: string) => void = () => {}): PostgresAvailability {
  const present = findPostgresBin();
  if (present) return { bin: present };
  if (process.getuid?.() !== 0) {
    return {
      reason:
        "Debian's postgresql is not installed and this user cannot install it (run `sudo apt-get install -y postgresql`, or set DATABASE_URL)",
    };
  }
  try {
    log("PostgreSQL is missing: installing Debian's postgresql with apt-get (once per machine)...");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'ignore', env });
  } catch (error) {
    return { reason: `apt-get install postgresql failed: ${(error as Error).message}` };
  }
  const installed = findPostgresBin();
  return installed
    ? { bin: installed }
    : { reason: 'apt-get installed postgresql, but no initdb/pg_ctl was found under /usr/lib/postgresql' };
}
