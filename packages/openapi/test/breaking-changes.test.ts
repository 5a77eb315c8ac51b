// The breaking-change rules, each proved on a small edit of the real bundled contract.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module script without type declarations
import { findBreakingChanges } from '../scripts/breaking-changes.mjs';
import { bundled } from './bundled.js';

type Finding = { rule: string; where: string; message: string };
const afterEdit = (edit: (document: any) => void): Finding[] => {
  const after = structuredClone(bundled);
  edit(after);
  return findBreakingChanges(bundled, after);
};
const rules = (findings: Finding[]) => findings.map((finding) => `${finding.rule} ${finding.where}`);
const schemas = (document: any) => document.components.schemas;

describe('breaking changes', () => {
  it('finds none between the contract and itself', () => {
    expect(findBreakingChanges(bundled, structuredClone(bundled))).toEqual([]);
  });

  it('allows additions: an optional request field, a response field, a new operation', () => {
    const findings = afterEdit((document) => {
      schemas(document).RaceCreate.properties.race_notes = { type: 'string' };
      schemas(document).Race.properties.race_notes = { type: 'string' };
      document.paths['/races/{race_id}/participants'] = { get: { operationId: 'listRaceParticipants', responses: {} } };
    });
    expect(findings).toEqual([]);
  });

  it('flags a removed operation', () => {
    expect(rules(afterEdit((document) => delete document.paths['/races/{race_id}'].delete))).toEqual([
      'operation-removed DELETE /races/{race_id}',
    ]);
  });

  it('flags a removed response field', () => {
    const findings = afterEdit((document) => {
      delete schemas(document).Race.properties.race_timezone;
      schemas(document).Race.required = schemas(document).Race.required.filter((name: string) => name !== 'race_timezone');
    });
    expect(rules(findings)).toContain('response-field-removed GET /races/{race_id} 200.data.race_timezone');
  });

  it('flags a new required request field', () => {
    const findings = afterEdit((document) => schemas(document).RaceCreate.required.push('race_timezone'));
    expect(rules(findings)).toEqual(['request-field-now-required POST /races body.race_timezone']);
  });

  it('flags a narrowed request constraint and a removed enum value', () => {
    const findings = afterEdit((document) => {
      schemas(document).RaceName.maxLength = 100;
      schemas(document).RaceType.enum = schemas(document).RaceType.enum.filter((value: string) => value !== 'hike');
    });
    expect(rules(findings)).toEqual(
      expect.arrayContaining([
        'request-constraint-narrowed POST /races body.race_name',
        'request-enum-value-removed POST /races body.race_type',
        'request-enum-value-removed GET /races query race_type',
      ]),
    );
  });

  it('flags a removed query parameter and a newly required one', () => {
    const findings = afterEdit((document) => {
      document.paths['/races'].get.parameters.pop();
      document.paths['/races'].get.parameters.push({ name: 'region', in: 'query', required: true, schema: { type: 'string' } });
    });
    expect(rules(findings)).toEqual(['parameter-removed GET /races query limit', 'parameter-now-required GET /races query region']);
  });

  it('flags a removed success status', () => {
    const findings = afterEdit((document) => {
      const responses = document.paths['/races'].post.responses;
      responses['200'] = responses['201'];
      delete responses['201'];
    });
    expect(rules(findings)).toEqual(['success-status-removed POST /races 201']);
  });
});
