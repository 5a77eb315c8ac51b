// Pipeline: the whole `turbo run build` cold (cache ignored, every task runs) against warm
// (nothing changed, every task a cache hit), in alternating rounds.
import { join } from 'node:path';
import { interleave, median, timeCommand } from '../measure.js';
import { repoRoot } from '../paths.js';
import { row, type ResultRow } from '../report.js';

const turbo = join(repoRoot, 'node_modules/.bin/turbo');
const build = (extra: string[]) => () => timeCommand(turbo, ['run', 'build', '--output-logs=none', ...extra], { cwd: repoRoot });

export async function runPipelineSuite(log: (line: string) => void): Promise<ResultRow[]> {
  await build([])(); // make sure the warm run really is all cache hits
  const samples = await interleave(3, { cold: build(['--force']), warm: build([]) });
  const [cold, warm] = [median(samples.cold), median(samples.warm)];
  log(`pipeline: cold ${cold.toFixed(2)} s, warm ${warm.toFixed(2)} s`);
  return [
    row({
      suite: 'Pipeline: turbo run build',
      subject: 'warm build (no change, full cache)',
      baseline: 'cold build (--force, no cache)',
      metric: 'wall time, median of 3',
      unit: 's',
      value: warm,
      baselineValue: cold,
      goal: 'warm < 2 s',
      met: warm < 2,
    }),
  ];
}
