// The release gate as CI runs it: check:breaking on a fresh clone with no tags compares the
// contract with the committed release, refuses a breaking edit with the procedure, and lets
// the same edit through as a /api/v2 contract beside v1 (both bundle and lint). npm run
// release proposes a minor bump for an additive edit. Each step is the real script, run on
// a copy (three bundles, one lint and a clone: about 10 s of CPU).
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = new URL('../../../', import.meta.url).pathname;
const script = (name: string) => new URL(`../scripts/${name}`, import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'astral-release-gate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs one of the package's scripts on the contract at `entry`, with the releases in `releases`. */
async function run(name: string, entry: string, releases: string, args: string[] = []) {
  const env = {
    ...process.env,
    ASTRAL_CONTRACT_ENTRY: entry,
    ASTRAL_CONTRACT_OUT: join(entry, '..', '..', 'out'),
    ASTRAL_RELEASES_DIR: releases,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script(name), ...args], { env, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code as number, stdout: error.stdout as string, stderr: error.stderr as string };
  }
}
/** Bundles the contract at `entry`, then runs check:breaking on it. */
const checkBreaking = async (entry: string, releases: string) => {
  const bundled = await run('bundle-contract.mjs', entry, releases);
  expect(bundled.code, bundled.stderr).toBe(0);
  return run('check-breaking.mjs', entry, releases);
};
const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};
/** A breaking edit that keeps the contract valid: race names may be 100 characters, no longer 200. */
const narrowRaceName = (contractDir: string) =>
  edit(join(contractDir, 'components/schemas/RaceName.yaml'), 'maxLength: 200\n', 'maxLength: 100\n');

describe('the release gate', () => {
  it('on a fresh clone without tags, check:breaking compares with the committed release and refuses a break', async () => {
    const clone = join(scratch, 'clone');
    execFileSync('git', ['clone', '--quiet', '--no-tags', '--depth', '1', `file://${repoRoot}`, clone]);
    expect(execFileSync('git', ['-C', clone, 'tag'], { encoding: 'utf8' })).toBe('');
    const [entry, releases] = [join(clone, 'openapi/openapi.yaml'), join(clone, 'releases')];

    const clean = await checkBreaking(entry, releases);
    expect(clean.stdout).toMatch(/no breaking changes under \/api\/v1 since its release 1\.\d+\.\d+/);
    expect(clean.code).toBe(0);

    narrowRaceName(join(clone, 'openapi'));
    const broken = await checkBreaking(entry, releases);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      '✗ POST /races body.race_name (createRace): maxLength 200 → 100 [request-constraint-narrowed]; breaks clients that send values the old bound allowed (now a 400)',
    );
    expect(broken.stderr).toContain('Breaking changes never ship under /api/v1');
    expect(broken.stderr).toContain('new major\nversion under a new prefix (/api/v2)');
    expect(broken.stderr).toContain('README.md, "Releasing" → "Breaking changes"');
  }, 120_000);

  it('lets the same break through as a /api/v2 contract beside v1, which bundles and lints', async () => {
    // v1 itself is bundled, linted and checked by npm test's own tasks (and by the clone above).
    const v2 = join(scratch, 'v2/openapi');
    cpSync(join(repoRoot, 'openapi'), v2, { recursive: true });
    const root = join(v2, 'openapi.yaml');
    const text = readFileSync(root, 'utf8');
    writeFileSync(root, text.replaceAll('/api/v1', '/api/v2').replace(/^( {2}version:) .*$/m, '$1 2.0.0'));
    narrowRaceName(v2);
    const releases = join(repoRoot, 'releases');

    const [check, lint] = await Promise.all([checkBreaking(root, releases), run('lint-contract.mjs', root, releases)]);
    expect(check.stdout).toContain('/api/v2 has no release');
    expect(check.code, check.stderr).toBe(0);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  }, 120_000);

  it('npm run release proposes a minor release naming an added operation', async () => {
    const contract = join(scratch, 'additive/openapi');
    cpSync(join(repoRoot, 'openapi'), contract, { recursive: true });
    writeFileSync(
      join(contract, 'paths/races_{race_id}_results.yaml'),
      "get:\n  operationId: listRaceResults\n  summary: List a race's results\n  responses:\n    '200':\n      description: OK.\n",
    );
    edit(
      join(contract, 'openapi.yaml'),
      '    $ref: paths/races_{race_id}.yaml\n',
      '    $ref: paths/races_{race_id}.yaml\n  /races/{race_id}/results:\n    $ref: paths/races_{race_id}_results.yaml\n',
    );
    const plan = await run('release/cli.mjs', join(contract, 'openapi.yaml'), join(repoRoot, 'releases'));
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/\/api\/v1: 1\.\d+\.\d+ → 1\.\d+\.0 \(minor\)/);
    expect(plan.stdout).toContain("- Added `GET /races/{race_id}/results` (`listRaceResults`): List a race's results");
    expect(plan.stdout).toContain('Dry run: nothing written.');
  }, 120_000);
});
