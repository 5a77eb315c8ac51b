// The release plan: from the contract diff to the next versions and the changelog text.
import { diffContracts } from './contract-diff.mjs';

/**
 * The version after `version` at `level` ('major' | 'minor' | 'patch').
 * @example
 * bump('1.2.3', 'minor') // '1.3.0'
 */
export function bump(version, level) {
  const [major, minor, patch] = version.split('-')[0].split('.').map(Number);
  if (level === 'major') return `${major + 1}.0.0`;
  if (level === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

const HEADINGS = { added: 'Additions', deprecated: 'Deprecations', documentation: 'Documentation' };

/** The changelog text for the contract's changes, one bullet per line, grouped by kind. */
export function changelogText(version, prefix, lines) {
  const parts = [`Contract ${version} (\`/api/${prefix}\`), derived from the contract diff:`];
  for (const [kind, heading] of Object.entries(HEADINGS)) {
    const ofKind = lines.filter((line) => line.kind === kind);
    if (ofKind.length > 0) parts.push('', `${heading}:`, '', ...ofKind.map((line) => `- ${line.text}`));
  }
  return parts.join('\n');
}

/**
 * Plans the next release: the level, the contract's next version, each package's next
 * version (`packages`: name → current version) and the changelog text.
 * @example
 * planRelease(release, current, { '@astral/client': '1.0.0' }).contractVersion // '1.1.0' after an addition
 */
export function planRelease(release, current, packages, prefix) {
  const diff = diffContracts(release.contract, current);
  if (diff.level === 'none' || diff.level === 'breaking') return { ...diff, contractVersion: release.version, packages: {} };
  const contractVersion = bump(release.version, diff.level);
  const next = Object.fromEntries(Object.entries(packages).map(([name, version]) => [name, bump(version, diff.level)]));
  return { ...diff, contractVersion, packages: next, changelog: changelogText(contractVersion, prefix, diff.lines) };
}

/** A changeset (Changesets' file format) that bumps the contract packages by the plan's level with its changelog. */
export function changesetFor(plan) {
  const header = Object.keys(plan.packages).map((name) => `"${name}": ${plan.level}`);
  return ['---', ...header, '---', '', plan.changelog, ''].join('\n');
}
