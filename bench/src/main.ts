// npm run bench: runs every suite (or those named: `npm run bench -- scale api`), writes
// bench/results/latest.{json,md} and prints the table.
import { describeMachine } from './machine.js';
import { resultsDir } from './paths.js';
import { toMarkdown, writeReport, type ResultRow } from './report.js';
import { runApiSuite } from './suites/api.js';
import { runClientSuite } from './suites/client.js';
import { runMockSuite } from './suites/mock.js';
import { runPipelineSuite } from './suites/pipeline.js';
import { runReloadSuite } from './suites/reload.js';
import { runScaleSuite } from './suites/scale.js';
import { runValidationSuite } from './suites/validation.js';

type Suite = (log: (line: string) => void) => Promise<ResultRow[]>;
const suites: Record<string, Suite> = {
  api: runApiSuite,
  validation: runValidationSuite,
  mock: runMockSuite,
  client: runClientSuite,
  pipeline: runPipelineSuite,
  reload: runReloadSuite,
  scale: runScaleSuite,
};

const requested = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const unknown = requested.filter((name) => !(name in suites));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
const selected = requested.length ? requested : Object.keys(suites);
const log = (line: string) => console.error(`[bench] ${line}`);

const startedAt = new Date();
const rows: ResultRow[] = [];
for (const name of selected) {
  log(`suite ${name}...`);
  rows.push(...(await suites[name]!(log)));
}
const report = {
  startedAt: startedAt.toISOString(),
  durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
  machine: describeMachine(),
  rows,
};
await writeReport(report, resultsDir);
console.log(toMarkdown(report));
