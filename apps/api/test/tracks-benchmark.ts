// A micro-benchmark of the tracks library on a marathon-sized file (42.195 km at 16 min/km,
// one point a second: 40,548 points), not a test (no timed assertions anywhere):
//   npx tsx test/tracks-benchmark.ts
// Each case runs in its own process so its peak RSS is its own; the parse baselines are the
// same libraries called bare (fast-xml-parser's parse, the FIT SDK's Decoder.read).
// Measured 2026-12-07 on the shared 2-core machine at load average ~22 (wall times are mostly
// waiting; warm CPU ms is the steadier figure): GPX 9.3 MiB, FIT 0.8 MiB;
//   fast-xml-parser parse alone   warm 6.6 s wall, 1.5 s CPU, peak +337 MiB
//   parseGpx                      warm 7.5-10 s wall, 2.0 s CPU (the validator adds ~0.4 s), +274..362 MiB
//   FIT SDK Decoder.read alone    warm 0.65 s wall, 0.16 s CPU, +58 MiB
//   parseFit                      warm 0.72 s wall, 0.22 s CPU, +63 MiB
//   parseFit + summary + streams + polyline: warm 0.94 s wall, 0.28 s CPU, +78 MiB
//   summarizeTrack alone 49 ms wall / 23 ms CPU; computeStreams + downsample(1000) 180 / 68 ms.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decoder, Stream } from '@garmin/fitsdk';
import { XMLParser } from 'fast-xml-parser';
import {
  computeStreams,
  downsample,
  encodePolyline,
  generateRoute,
  parseFit,
  parseGpx,
  summarizeTrack,
  writeFit,
  writeGpx,
} from '../src/resources/activities/tracks/index.js';

const cases: Record<string, (gpx: Uint8Array, fit: Uint8Array) => unknown> = {
  'baseline: fast-xml-parser parse': (gpx) => new XMLParser({ ignoreAttributes: false }).parse(new TextDecoder().decode(gpx)),
  parseGpx: (gpx) => parseGpx(gpx),
  'parseGpx + summarizeTrack + computeStreams + polyline': (gpx) => {
    const points = parseGpx(gpx);
    return [summarizeTrack(points), downsample(computeStreams(points), 1000), encodePolyline(points)];
  },
  'baseline: FIT SDK Decoder.read': (_, fit) => new Decoder(Stream.fromByteArray(fit)).read(),
  parseFit: (_, fit) => parseFit(fit),
  'parseFit + summarizeTrack + computeStreams + polyline': (_, fit) => {
    const points = parseFit(fit);
    return [summarizeTrack(points), downsample(computeStreams(points), 1000), encodePolyline(points)];
  },
  // The points are decoded once per process (memoised), so the warm runs time the metrics alone.
  'summarizeTrack alone': (_, fit) => summarizeTrack(pointsOf(fit)),
  'computeStreams + downsample(1000) alone': (_, fit) => downsample(computeStreams(pointsOf(fit)), 1000),
};

let decoded: ReturnType<typeof parseFit> | undefined;
const pointsOf = (fit: Uint8Array): ReturnType<typeof parseFit> => (decoded ??= parseFit(fit));

const [, , name, folder] = process.argv;
if (name !== undefined && folder !== undefined) {
  // A child: one case, three runs; the slowest is the cold one, the best the warm one.
  const gpx = readFileSync(join(folder, 'run.gpx'));
  const fit = readFileSync(join(folder, 'run.fit'));
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    cases[name]!(gpx, fit);
    const cpu = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const peakMb = (process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20;
  console.log(
    JSON.stringify({
      cold: Math.round(times[0]!),
      warm: Math.round(Math.min(...times)),
      cpu: Math.round(Math.min(...cpuTimes)),
      peakMb: Math.round(peakMb),
    }),
  );
} else {
  const folderPath = mkdtempSync(join(tmpdir(), 'tracks-bench-'));
  try {
    const points = generateRoute({ seed: 42, start: new Date('2026-03-01T07:00:00Z'), distance_m: 42_195, pace_s_per_km: 960 });
    writeFileSync(join(folderPath, 'run.gpx'), writeGpx(points));
    writeFileSync(join(folderPath, 'run.fit'), writeFit(points));
    const sizeMb = (file: string): string => (readFileSync(join(folderPath, file)).length / 2 ** 20).toFixed(1);
    console.log(
      `${points.length} points; GPX ${sizeMb('run.gpx')} MiB, FIT ${sizeMb('run.fit')} MiB; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    // On a loaded machine wall time mostly measures the wait for a core: the warm CPU time
    // (user + system, all of V8's threads) is the steadier number.
    console.log('case | cold ms | warm ms | warm CPU ms | peak RSS above start, MiB');
    for (const caseName of Object.keys(cases)) {
      const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), caseName, folderPath], {
        encoding: 'utf8',
      });
      const { cold, warm, cpu, peakMb } = JSON.parse(output) as { cold: number; warm: number; cpu: number; peakMb: number };
      console.log(`${caseName} | ${cold} | ${warm} | ${cpu} | ${peakMb}`);
    }
  } finally {
    rmSync(folderPath, { recursive: true, force: true });
  }
}
