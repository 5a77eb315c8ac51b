// A real throwaway PostgreSQL: started on a free loopback port, reachable, one database per
// caller, and gone (process and data) after stop().
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePostgres, startThrowawayPostgres } from '../src/index.js';

const found = ensurePostgres();

function psql(url: string, sql: string): string {
  return execFileSync(join(found.bin!, 'psql'), [url, '-XAtc', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

describe('a throwaway PostgreSQL server', () => {
  it('is available on this machine (or the lane says why not)', () => {
    expect(found.bin ?? found.reason).toMatch(/postgresql\/\d+\/bin$/);
  });

  it('starts on 127.0.0.1, creates databases, and leaves nothing behind', async () => {
    const server = await startThrowawayPostgres();
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(psql(server.url, 'select 1 + 1')).toBe('2');
      const url = await server.createDatabase('astral_probe');
      expect(psql(url, 'select current_database()')).toBe('astral_probe');
      // Without a name, each call gets a database of its own.
      const [first, second] = [await server.createDatabase(), await server.createDatabase()];
      expect(first).not.toBe(second);
      expect(psql(first, 'select current_database()')).toMatch(/^astral_test_[0-9a-f]{12}$/);
      expect(psql(url, "select setting from pg_settings where name = 'listen_addresses'")).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
    expect(() => psql(server.url, 'select 1')).toThrow();
    expect(existsSync(server.directory)).toBe(false);
    await server.stop(); // twice is fine
  });

  it('refuses a database name that is not plain', async () => {
    const server = await startThrowawayPostgres();
    try {
      await expect(server.createDatabase('x; drop database postgres')).rejects.toThrow(/not a plain database name/);
    } finally {
      await server.stop();
    }
  });
});
