// Device-file import (issue 27): POST /activities/import of a marathon's 40,000-point GPX and
// the same run as FIT, on SQLite and on PostgreSQL, against parsing the same file alone with
// the same library (the tracks library's parseGpx / parseFit) as the baseline, in the same run.
// Each case runs in a fresh process (workers/import-file.ts) so its peak memory is its own;
// the import's time covers parsing, the metrics, the streams, the summary and the transaction
// that stores them, not the app's start.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRoute, writeFit, writeGpx } from '@astral/api/tracks';
import { startThrowawayPostgres } from '@astral/test-postgres';
import { interleave, median } from '../measure.js';
import { row, type ResultRow } from '../report.js';

const SUITE = 'Device-file import (POST /activities/import, a marathon of 40,548 points)';
const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
const worker = fileURLToPath(new URL('../workers/import-file.js', import.meta.url));

interface Sample {
  ms: number;
  peakMiB: number;
}

const execFileAsync = promisify(execFile);

async function runCase(which: string, file: string, databaseUrl?: string): Promise<Sample> {
  const args = [worker, which, file, ...(databaseUrl ? [databaseUrl] : [])];
  const { stdout } = await execFileAsync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Sample;
}

export async function runImportSuite(log: (line: string) => void): Promise<ResultRow[]> {
  // 42.195 km at 16 min/km, one point a second, as the tracks library's own micro-benchmark.
  const points = generateRoute({ seed: 42, start: new Date('2026-03-01T07:00:00Z'), distance_m: 42_195, pace_s_per_km: 960 });
  const scratch = mkdtempSync(join(tmpdir(), 'astral-bench-import-'));
  const files = { gpx: join(scratch, 'marathon.gpx'), fit: join(scratch, 'marathon.fit') };
  writeFileSync(files.gpx, writeGpx(points));
  writeFileSync(files.fit, writeFit(points));
  const postgres = await startThrowawayPostgres({ log });
  const rows: ResultRow[] = [];
  try {
    let databases = 0;
    // Each import on a database of its own: the same file twice in one would be a 409.
    const onPostgres = async (which: string, file: string) =>
      runCase(which, file, await postgres.createDatabase(`bench_import_${++databases}`));
    for (const format of ['gpx', 'fit'] as const) {
      const file = files[format];
      const samples = await interleave(ROUNDS, {
        parse: () => runCase(`parse-${format}`, file),
        sqlite: () => runCase(`import-${format}`, file),
        postgres: () => onPostgres(`import-${format}`, file),
      });
      const time = (key: keyof typeof samples) => median(samples[key].map((sample) => sample.ms));
      const memory = (key: keyof typeof samples) => median(samples[key].map((sample) => sample.peakMiB));
      for (const database of ['sqlite', 'postgres'] as const) {
        const name = database === 'sqlite' ? 'SQLite' : 'PostgreSQL';
        rows.push(
          row({
            suite: SUITE,
            subject: `import ${format.toUpperCase()} on ${name}`,
            metric: 'wall time, median',
            unit: 'ms',
            value: time(database),
            baseline: `parse${format === 'gpx' ? 'Gpx' : 'Fit'} alone`,
            baselineValue: time('parse'),
            note: `${ROUNDS} rounds, each in a fresh process`,
          }),
          row({
            suite: SUITE,
            subject: `import ${format.toUpperCase()} on ${name}`,
            metric: 'peak memory above the process before the work, median',
            unit: 'MiB',
            value: memory(database),
            baseline: `parse${format === 'gpx' ? 'Gpx' : 'Fit'} alone`,
            baselineValue: memory('parse'),
          }),
        );
        log(`import: ${format} on ${name}: ${Math.round(time(database))} ms (parse ${Math.round(time('parse'))} ms)`);
      }
    }
  } finally {
    await postgres.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}
