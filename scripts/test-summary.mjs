// Prints one closing line for the whole `npm test` run ("Tests: N passed, N failed,
// N skipped") from the JSON report each workspace's vitest run leaves in
// test-results/vitest.json. Fails when a workspace that has tests left no report or
// when no test ran at all, so a silently empty run cannot pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(group, entry.name)),
);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const workspace of workspaces) {
  const hasTests = existsSync(join(root, workspace, 'vitest.config.ts'));
  const reportPath = join(root, workspace, 'test-results', 'vitest.json');
  if (!existsSync(reportPath)) {
    if (hasTests) missing.push(workspace);
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  console.log(`${workspace.padEnd(28)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
for (const workspace of missing) console.error(`${workspace}: has a vitest config but left no test-results/vitest.json`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
