// npm run bench: runs every suite and writes bench/results/latest.{json,md}; or those named
// (`npm run bench -- scale api`), each written to its own bench/results/<suite>.{json,md} so a
// partial run never replaces the whole run's results. Prints the table.
import { describeMachine } from './machine.js';
import { resultsDir } from './paths.js';
import { toMarkdown, writeReport, type ResultRow } from './report.js';
import { runActivityReadsSuite } from './suites/activity-reads.js';
import { runApiSuite } from './suites/api.js';
import { runClientSuite } from './suites/client.js';
import { runImportSuite } from './suites/import.js';
import { runMockSuite } from './suites/mock.js';
import { runPeersSuite } from './suites/peers.js';
import { runPlansSuite } from './suites/plans.js';
import { runPipelineSuite } from './suites/pipeline.js';
import { runReloadSuite } from './suites/reload.js';
import { runScaleSuite } from './suites/scale.js';
import { runValidationSuite } from './suites/validation.js';

type Suite = (log: (line: string) => void) => Promise<ResultRow[]>;
const suites: Record<string, Suite> = {
  api: runApiSuite,
  validation: runValidationSuite,
  peers: runPeersSuite,
  'activity-reads': runActivityReadsSuite,
  plans: runPlansSuite,
  mock: runMockSuite,
  client: runClientSuite,
  pipeline: runPipelineSuite,
  reload: runReloadSuite,
  scale: runScaleSuite,
  import: runImportSuite,
};

const requested = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const unknown = requested.filter((name) => !(name in suites));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
const selected = requested.length ? requested : Object.keys(suites);
const log = (line: string) => console.error(`[bench] ${line}`);

const reportOf = (startedAt: Date, rows: ResultRow[]) => ({
  startedAt: startedAt.toISOString(),
  durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
  machine: describeMachine(),
  rows,
});

const startedAt = new Date();
const rows: ResultRow[] = [];
for (const name of selected) {
  log(`suite ${name}...`);
  const suiteStarted = new Date();
  const suiteRows = await suites[name]!(log);
  rows.push(...suiteRows);
  if (requested.length) await writeReport(reportOf(suiteStarted, suiteRows), resultsDir, name);
}
const report = reportOf(startedAt, rows);
if (!requested.length) await writeReport(report, resultsDir);
console.log(toMarkdown(report));
