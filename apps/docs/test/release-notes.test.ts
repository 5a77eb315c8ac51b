// The docs page shows the contract's version, links its changelog and dates each deprecation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changelogPath, withReleaseNotes } from '../src/release-notes.mjs';

const contract = JSON.parse(readFileSync(new URL('../../../packages/openapi/dist/contract/openapi.json', import.meta.url), 'utf8'));

describe('release notes on the docs page', () => {
  it("opens the introduction with the contract's version and ends it with its changelog", () => {
    const { description } = withReleaseNotes(contract).info;
    expect(description.startsWith(`**Contract version ${contract.info.version}** (see the [changelog](#section/Changelog)).`)).toBe(true);
    // The newest release heads the changelog, and it is the contract's own version.
    expect(description).toContain(`\n## Changelog\n\n### ${contract.info.version}\n`);
    expect(readFileSync(changelogPath, 'utf8')).toContain('## 1.0.0');
  });

  it("writes a deprecated operation's dates into its description", () => {
    const edited = structuredClone(contract);
    Object.assign(edited.paths['/races/{race_id}'].delete, {
      deprecated: true,
      'x-astral-deprecated-at': '2027-01-01',
      'x-astral-sunset': '2027-06-30',
    });
    const { description } = withReleaseNotes(edited, '# @astral/openapi\n').paths['/races/{race_id}'].delete;
    expect(description).toMatch(/^\*\*Deprecated\*\* since 2027-01-01; it stops answering after 2027-06-30\./);
    expect(withReleaseNotes(contract).paths['/races/{race_id}'].delete.description).not.toContain('Deprecated');
  });
});
