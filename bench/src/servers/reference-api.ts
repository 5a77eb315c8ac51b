// The server under test: the reference API in production mode (request validation and
// authentication on, responses serialised from the contract), on a database file of its own
// as production runs it (WAL, synchronous=FULL: every commit reaches the disk before the
// answer), seeded with the development catalog and credentials so the benchmark can
// authenticate; the file is removed on exit. BENCH_MODE picks another mode;
// BENCH_VALIDATE_REQUESTS=off turns request validation off (only to measure what it costs).
// BENCH_DATABASE_URL runs it on PostgreSQL instead (the seed runs once under the advisory
// lock, so several of these may share a database). BENCH_DATA_DIR puts the SQLite file in a
// directory the suite owns (it fills the database, then keeps it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type Mode } from '@astral/api';

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const ownDataDir = databaseUrl || process.env.BENCH_DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'astral-bench-api-'));
const dataDir = databaseUrl ? undefined : (process.env.BENCH_DATA_DIR ?? ownDataDir);
const { app, close } = createApp({
  mode: (process.env.BENCH_MODE as Mode | undefined) ?? 'production',
  ...(databaseUrl ? { databaseUrl } : { dataDir }),
  seed: true,
  // The seeded dev-… credentials, which production mode otherwise refuses (apps/api/README.md, Secrets).
  developmentCredentials: true,
  server: { validateRequests: process.env.BENCH_VALIDATE_REQUESTS !== 'off' },
});
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
console.log(JSON.stringify({ listening: Number(new URL(address).port) }));
process.on(
  'SIGTERM',
  () =>
    void close().then(() => {
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
      process.exit(0);
    }),
);
