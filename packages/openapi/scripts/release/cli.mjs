// `npm run release`: compares the contract with its last release and prints the plan (the
// level, the next contract and package versions, the changelog); `-- --write` applies it:
// a changeset for the four contract packages, `changeset version` (which also takes the
// hand-written changesets), info.version in openapi/openapi.yaml, the lockfile, and the new
// release record.
// `-- --record` records the contract as it stands as the release of its info.version, with
// no bump and no changelog: the first release, or re-recording it after a merge.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleContract } from '../bundle.mjs';
import { contractEntry, lintConfig, repoRoot } from '../paths.mjs';
import { PROCEDURE, describeFinding } from './messages.mjs';
import { CONTRACT_PACKAGES, prefixOf, readRelease, releasesDir, writeRelease } from './record.mjs';

const flags = new Set(process.argv.slice(2));
const packageFile = (name) => join(repoRoot, 'packages', name.replace('@astral/', ''), 'package.json');
const packageVersions = () =>
  Object.fromEntries(CONTRACT_PACKAGES.map((name) => [name, JSON.parse(readFileSync(packageFile(name), 'utf8')).version]));

// Imported after bundle.mjs has registered tsx: the diff reads the contract with src/reader (TypeScript).
const { changesetFor, planRelease } = await import('./plan.mjs');
const current = await bundleContract(contractEntry, lintConfig, 'published');
const prefix = prefixOf(current);

if (flags.has('--record')) {
  const record = writeRelease(current, packageVersions());
  console.log(`recorded /api/${prefix} ${record.version} in ${join(releasesDir, prefix)} (packages: ${JSON.stringify(record.packages)})`);
  process.exit(0);
}

const release = readRelease(prefix);
if (!release) {
  console.log(`/api/${prefix} has no release yet: record its first (${current.info.version}) with \`npm run release -- --record\``);
  process.exit(flags.has('--write') ? 1 : 0);
}
const plan = planRelease(release, current, packageVersions(), prefix);
if (plan.level === 'breaking') {
  console.error(`Refused: ${plan.breaking.length} breaking change(s) under /api/${prefix} since ${release.version}:\n`);
  for (const finding of plan.breaking) console.error(`  ✗ ${describeFinding(finding, release.contract)}`);
  console.error(`\n${PROCEDURE(prefix)}`);
  process.exit(1);
}
if (plan.level === 'none') {
  console.log(`/api/${prefix} is unchanged since its release ${release.version}: nothing to release (package-only fixes: npx changeset)`);
  process.exit(0);
}

console.log(`/api/${prefix}: ${release.version} → ${plan.contractVersion} (${plan.level})`);
for (const [name, version] of Object.entries(plan.packages)) console.log(`  ${name} ${version}`);
console.log(`\n${plan.changelog}\n`);
if (!flags.has('--write')) {
  console.log('Dry run: nothing written. `npm run release -- --write` applies it.');
  process.exit(0);
}

const changesetDir = join(repoRoot, '.changeset');
mkdirSync(changesetDir, { recursive: true });
writeFileSync(join(changesetDir, `contract-${plan.contractVersion.replaceAll('.', '-')}.md`), changesetFor(plan));
execFileSync(join(repoRoot, 'node_modules/.bin/changeset'), ['version'], { cwd: repoRoot, stdio: 'inherit' });

const yaml = readFileSync(contractEntry, 'utf8');
const versioned = yaml.replace(/^(info:\n(?:[ ].*\n)*?[ ]{2}version:[ ]*).*$/m, `$1${plan.contractVersion}`);
if (versioned === yaml && release.version !== plan.contractVersion) throw new Error(`no info.version line found in ${contractEntry}`);
writeFileSync(contractEntry, versioned);
// The workspaces that depend on the four packages now name their new versions: the lockfile
// follows, or the next `npm ci` (CI's first step) refuses a lockfile out of step.
execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
const released = await bundleContract(contractEntry, lintConfig, 'published');
const record = writeRelease(released, packageVersions());
console.log(
  `released /api/${prefix} ${record.version}: ${JSON.stringify(record.packages)}; commit the changes (and tag v${record.version} if you like)`,
);
