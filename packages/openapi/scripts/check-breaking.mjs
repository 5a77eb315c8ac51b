// Compares the published contract (dist/contract/openapi.json) with the last release of its
// API version (releases/<prefix>/openapi.json, committed: no git history or tags needed, so a
// fresh clone in CI checks the same thing as a developer's checkout) and fails on any change
// that breaks existing clients. Breaking changes ship only as a new major version under a new
// prefix (/api/v2), a contract of its own beside v1: README.md, "Releasing".
import { readFileSync } from 'node:fs';
import { bundledJson } from './paths.mjs';
import { majorOf, prefixOf, readRelease, releasesDir } from './release/record.mjs';
import { describeFinding, PROCEDURE } from './release/messages.mjs';

const current = JSON.parse(readFileSync(bundledJson, 'utf8'));
const prefix = prefixOf(current);
const release = readRelease(prefix);
if (!release) {
  console.log(
    `/api/${prefix} has no release in ${releasesDir} yet: nothing to compare against (its first release is ${current.info.version})`,
  );
  process.exit(0);
}
const problems = [];
if (majorOf(current) !== majorOf(release.contract)) {
  problems.push(
    `info.version ${current.info.version} changes the major version under /api/${prefix} (released ${release.version}): a new major needs a new prefix`,
  );
}
// Imported after paths.mjs: breaking-changes.mjs reads the contract with src/reader (TypeScript, through tsx).
const { register } = await import('tsx/esm/api');
register();
const { findBreakingChanges } = await import('./breaking-changes.mjs');
const accepted = [];
const findings = findBreakingChanges(release.contract, current, { accepted });
for (const note of accepted) console.log(`accepted first bound: ${note.where}: ${note.message} (${note.reason})`);
problems.push(...findings.map((finding) => describeFinding(finding, release.contract)));
if (problems.length > 0) {
  console.error(`${problems.length} breaking change(s) under /api/${prefix} since its release ${release.version}:\n`);
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  console.error(`\n${PROCEDURE(prefix)}`);
  process.exit(1);
}
console.log(`no breaking changes under /api/${prefix} since its release ${release.version}`);
