// Compares the published contract (dist/contract/openapi.json) with the one at a git ref (default HEAD, i.e. your uncommitted
// change; in a pull request pass the target branch: `npm run check:breaking -- --base origin/main`)
// and fails on any change that breaks existing clients, unless info.version's major
// number went up (a new API version is the only place for breaking changes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleContract } from './bundle.mjs';
import { bundledJson, contractEntry, repoRoot } from './paths.mjs';

const baseIndex = process.argv.indexOf('--base');
const base = baseIndex > 0 ? process.argv[baseIndex + 1] : 'HEAD';
const entryInRepo = contractEntry.slice(repoRoot.length);

try {
  execFileSync('git', ['-C', repoRoot, 'rev-parse', '--verify', '--quiet', `${base}^{commit}`], { stdio: 'ignore' });
} catch {
  if (baseIndex > 0) {
    console.error(`--base ${base} is not a commit in this repository`);
    process.exit(2);
  }
  console.log('HEAD is not a commit here (not a git checkout, or no history yet): nothing to compare against');
  process.exit(0);
}

const scratch = mkdtempSync(join(tmpdir(), 'astral-breaking-'));
try {
  const archive = execFileSync('git', ['-C', repoRoot, 'archive', base, 'openapi', 'redocly.yaml']);
  execFileSync('tar', ['-x', '-C', scratch], { input: archive });
  // The published contract on both sides: it is what clients are generated from.
  const before = await bundleContract(join(scratch, entryInRepo), join(scratch, 'redocly.yaml'), 'published');
  const after = JSON.parse(readFileSync(bundledJson, 'utf8'));
  // Imported after bundle.mjs has registered tsx: it reads the contract with src/reader.
  const { findBreakingChanges } = await import('./breaking-changes.mjs');
  const accepted = [];
  const findings = findBreakingChanges(before, after, { accepted });
  for (const note of accepted) console.log(`accepted first bound: ${note.where}: ${note.message} (${note.reason})`);
  for (const finding of findings) console.error(`${finding.rule}: ${finding.where}: ${finding.message}`);
  const major = (document) => Number.parseInt(String(document.info?.version ?? '0'), 10);
  if (findings.length > 0 && major(after) > major(before)) {
    console.log(`${findings.length} breaking change(s) against ${base}, allowed by the new major version ${after.info.version}`);
    process.exit(0);
  }
  if (findings.length > 0) {
    console.error(
      `\n${findings.length} breaking change(s) against ${base}. Breaking changes need a new API version (see openapi/README.md).`,
    );
    process.exit(1);
  }
  console.log(`no breaking changes against ${base}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
