// Prints one closing line for the whole `npm test` run ("Tests: N passed, N failed,
// N skipped") from the JSON reports each workspace's vitest runs leave in test-results/
// (vitest.json, and vitest-<task>.json for a workspace with a second test task). Fails
// when a workspace that has tests left no report or when no test ran at all, so a
// silently empty run cannot pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { workspaceFolders } from '@astral/eslint-config/workspaces';

const root = new URL('..', import.meta.url).pathname;
// The workspaces are the root package.json's (`packages/*`, `apps/*`, `tools/*`, `bench`).
const { workspaces: globs } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const workspaces = workspaceFolders(root, globs).map((folder) => relative(root, folder));

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const workspace of workspaces) {
  const hasTests = existsSync(join(root, workspace, 'vitest.config.ts'));
  const resultsDir = join(root, workspace, 'test-results');
  const reports = existsSync(resultsDir) ? readdirSync(resultsDir).filter((name) => /^vitest(-[\w-]+)?\.json$/.test(name)) : [];
  if (!reports.includes('vitest.json')) {
    if (hasTests) missing.push(workspace);
    if (reports.length === 0) continue;
  }
  for (const name of reports.sort()) {
    const report = JSON.parse(readFileSync(join(resultsDir, name), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    const label = name === 'vitest.json' ? workspace : `${workspace} (${name.slice('vitest-'.length, -'.json'.length)})`;
    console.log(`${label.padEnd(28)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
for (const workspace of missing) console.error(`${workspace}: has a vitest config but left no test-results/vitest.json`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
