// The release plan derived from the contract diff, on edits of the recorded 1.0.0 release.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module script without type declarations
import { bump, changesetFor, planRelease } from '../scripts/release/plan.mjs';
// @ts-expect-error: plain ES module script without type declarations
import { readRelease } from '../scripts/release/record.mjs';

const release = readRelease('v1');
const packages = { '@astral/openapi': '1.0.0', '@astral/client': '1.0.2', '@astral/server': '1.0.0', '@astral/msw': '1.0.0' };
const planAfter = (edit: (document: any) => void) => {
  const current = structuredClone(release.contract);
  edit(current);
  return planRelease(release, current, packages, 'v1');
};
const schemas = (document: any) => document.components.schemas;

describe('the release plan', () => {
  it('reads the recorded release of /api/v1', () => {
    expect(release.version).toMatch(/^1\.\d+\.\d+$/);
    expect(release.packages['@astral/client']).toBeDefined();
    expect(Object.keys(release.contract.paths).length).toBeGreaterThan(0);
  });

  it('has nothing to release when the contract is unchanged', () => {
    expect(planAfter(() => {}).level).toBe('none');
  });

  it('makes an additive change a minor release whose changelog names it', () => {
    const plan = planAfter((document) => {
      // A path the release does not have (the test outlives any one resource being added).
      expect(document.paths['/running-shoes']).toBeUndefined();
      document.paths['/running-shoes'] = { get: { operationId: 'listRunningShoes', summary: 'List running shoes', responses: {} } };
      schemas(document).Race.properties.race_notes = { type: 'string' };
      schemas(document).RaceType.enum.push('duathlon');
      schemas(document).RaceType['x-astral-extensible'] = true;
    });
    expect(plan.level).toBe('minor');
    expect(plan.contractVersion).toBe(bump(release.version, 'minor'));
    expect(plan.packages).toEqual({
      ...packages,
      '@astral/client': '1.1.0',
      '@astral/openapi': '1.1.0',
      '@astral/server': '1.1.0',
      '@astral/msw': '1.1.0',
    });
    expect(plan.changelog).toContain('- Added `GET /running-shoes` (`listRunningShoes`): List running shoes');
    expect(plan.changelog).toContain('- `Race` gains the field `race_notes`');
    expect(plan.changelog).toContain('- `race_type` gains `duathlon`');
    expect(changesetFor(plan)).toMatch(/^---\n"@astral\/openapi": minor\n"@astral\/client": minor\n/);
  });

  it('makes a description- or example-only change a patch', () => {
    const plan = planAfter((document) => {
      document.paths['/races/{race_id}'].get.description = 'Returns one race.';
      schemas(document).RaceType.example = 'bike';
    });
    expect(plan.level).toBe('patch');
    expect(plan.contractVersion).toBe(bump(release.version, 'patch'));
    expect(plan.changelog).toContain('Descriptions or examples of `GET /races/{race_id}`, `RaceType` revised');
  });

  it('refuses a breaking change', () => {
    const plan = planAfter((document) => delete document.paths['/races/{race_id}'].delete);
    expect(plan.level).toBe('breaking');
    expect(plan.breaking.map((finding: { rule: string }) => finding.rule)).toEqual(['operation-removed']);
    expect(plan.packages).toEqual({});
  });

  it('lists a deprecation with its sunset date as a minor change', () => {
    const plan = planAfter((document) => {
      Object.assign(document.paths['/races/{race_id}'].delete, { deprecated: true, 'x-astral-sunset': '2027-06-30' });
      schemas(document).Race.properties.race_website_url.deprecated = true;
    });
    expect(plan.level).toBe('minor');
    expect(plan.changelog).toContain('- Deprecated `DELETE /races/{race_id}` (`deleteRace`) (sunset 2027-06-30)');
    expect(plan.changelog).toContain('- Deprecated the field `Race.race_website_url`');
  });

  it('bumps versions by level', () => {
    expect([bump('1.2.3', 'major'), bump('1.2.3', 'minor'), bump('1.2.3', 'patch')]).toEqual(['2.0.0', '1.3.0', '1.2.4']);
  });
});
