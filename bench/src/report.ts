// The benchmark's results: one row per measurement, each naming its baseline and the
// ratio to it, written as JSON (for tools) and Markdown (for people).
import { mkdir, writeFile } from 'node:fs/promises';
import type { Machine } from './machine.js';

export interface ResultRow {
  suite: string;
  subject: string;
  baseline: string;
  metric: string;
  /** Unit of value and baselineValue, e.g. "req/s", "ms", "s". */
  unit: string;
  value: number;
  baselineValue: number;
  /** value / baselineValue. */
  ratio: number;
  goal?: string;
  met?: boolean;
  note?: string;
}

export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  rows: ResultRow[];
}

export function row(fields: Omit<ResultRow, 'ratio'> & { ratio?: number }): ResultRow {
  return { ...fields, ratio: fields.ratio ?? fields.value / fields.baselineValue };
}

const format = (value: number) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value >= 10 ? value.toFixed(1) : value.toFixed(2);

export function toMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    '# Benchmark results',
    '',
    `Measured ${report.startedAt} in ${Math.round(report.durationSeconds)} s on ${machine.cores} cores (${machine.cpu}), ` +
      `${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}. Produced by \`npm run bench\`; ` +
      'every ratio is measured in the same run, variants interleaved.',
    '',
  ];
  const suites = [...new Set(report.rows.map((r) => r.suite))];
  for (const suite of suites) {
    lines.push(
      `## ${suite}`,
      '',
      '| subject | metric | value | baseline | baseline value | ratio | goal |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of report.rows.filter((candidate) => candidate.suite === suite)) {
      const goal = r.goal ? `${r.goal} ${r.met === undefined ? '' : r.met ? '(met)' : '(**missed**)'}` : '';
      lines.push(
        `| ${r.subject} | ${r.metric} | ${format(r.value)} ${r.unit} | ${r.baseline} | ${format(r.baselineValue)} ${r.unit} | ${r.ratio.toFixed(2)}x | ${goal.trim()} |`,
      );
    }
    const notes = report.rows.filter((r) => r.suite === suite && r.note);
    if (notes.length) lines.push('', ...notes.map((r) => `- ${r.subject}: ${r.note}`));
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `<name>.json` and `<name>.md`: `latest` for a whole run, a suite's own name for one suite. */
export async function writeReport(report: BenchReport, directory: URL, name = 'latest'): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFile(new URL(`${name}.json`, directory), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(new URL(`${name}.md`, directory), toMarkdown(report));
}
