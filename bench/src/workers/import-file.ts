// One measured case of the device-file import suite, in a process of its own so its peak
// memory is its own: `node import-file.js <case> <file> [databaseUrl]`. Prints one JSON line,
// {"ms": <wall time of the work>, "peakMiB": <peak RSS above the RSS before the work>}.
// `parse-gpx`/`parse-fit` call the tracks library's parser alone (the baseline); `import-gpx`/
// `import-fit` post the file to the reference API in this process (Fastify's inject: no socket),
// on SQLite in a data directory of its own, or on PostgreSQL when a database URL is given; the
// app is started (and the athlete's token authenticated once) before the clock starts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@astral/api';
import { parseFit, parseGpx } from '@astral/api/tracks';

const [which, path, databaseUrl] = process.argv.slice(2);
if (!which || !path) throw new Error('usage: import-file.js <parse-gpx|parse-fit|import-gpx|import-fit> <file> [databaseUrl]');
const bytes = readFileSync(path);
const mediaType = which.endsWith('gpx') ? 'application/gpx+xml' : 'application/vnd.ant.fit';

let work: () => Promise<unknown>;
let close = async () => {};
if (which.startsWith('parse')) {
  work = async () => (which === 'parse-gpx' ? parseGpx(bytes) : parseFit(bytes));
} else {
  const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'astral-bench-import-'));
  const started = createApp({
    mode: 'production',
    ...(databaseUrl ? { databaseUrl } : { dataDir }),
    seed: true,
    developmentCredentials: true,
  });
  const headers = { authorization: 'Bearer dev-athlete-token' };
  // Start-up, seeding and the first authentication are not the import's cost.
  const warm = await started.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
  if (warm.statusCode !== 200) throw new Error(`the API did not start: ${warm.statusCode} ${warm.body}`);
  work = async () => {
    const response = await started.app.inject({
      method: 'POST',
      url: '/api/v1/activities/import',
      headers: { ...headers, 'content-type': mediaType },
      payload: bytes,
    });
    if (response.statusCode !== 201) throw new Error(`import answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  };
  close = async () => {
    await started.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

const before = process.memoryUsage().rss;
const startedAt = performance.now();
await work();
const ms = performance.now() - startedAt;
// maxRSS is the process's peak (KiB): what the work added on top of what was resident before it.
const peakMiB = Math.max(0, process.resourceUsage().maxRSS * 1024 - before) / 2 ** 20;
console.log(JSON.stringify({ ms, peakMiB }));
await close();
