// The breaking-change rules, each proved on a small edit of the real bundled contract.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module script without type declarations
import { findBreakingChanges, patternMaxLength } from '../scripts/breaking-changes.mjs';
import { bundled } from './bundled.js';

type Finding = { rule: string; where: string; message: string };
const afterEdit = (edit: (document: any) => void): Finding[] => {
  const after = structuredClone(bundled);
  edit(after);
  return findBreakingChanges(bundled, after);
};
/** Compares two edits of the real contract; first bounds the contract accepts go to `accepted`. */
const between = (editBefore: (document: any) => void, editAfter: (document: any) => void, accepted: Finding[] = []): Finding[] => {
  const [before, after] = [structuredClone(bundled), structuredClone(bundled)];
  editBefore(before);
  editAfter(after);
  return findBreakingChanges(before, after, { accepted });
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

  it('flags a new value in a response enum, unless the contract marks the enum x-astral-extensible', () => {
    const closed = afterEdit((document) => schemas(document).RaceType.enum.push('duathlon'));
    expect(rules(closed)).toContain('response-enum-value-added GET /races/{race_id} 200.data.race_type');
    const open = afterEdit((document) => {
      schemas(document).RaceType.enum.push('duathlon');
      schemas(document).RaceType['x-astral-extensible'] = true;
    });
    expect(open).toEqual([]);
  });

  it('flags a removed query parameter and a newly required one', () => {
    const findings = afterEdit((document) => {
      const get = document.paths['/races'].get;
      get.parameters = get.parameters.filter((parameter: { $ref?: string }) => !parameter.$ref?.endsWith('/Limit'));
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

  it('does not flag a new maxLength that the existing pattern already implied', () => {
    // ^race_[A-Za-z0-9]{1,64}$ matches at most 69 characters.
    const findings = between(
      (document) => delete document.components.parameters.RaceId.schema.maxLength,
      (document) => (document.components.parameters.RaceId.schema.maxLength = 69),
    );
    expect(findings).toEqual([]);
    const shorter = between(
      (document) => delete document.components.parameters.RaceId.schema.maxLength,
      (document) => (document.components.parameters.RaceId.schema.maxLength = 20),
    );
    expect(rules(shorter)).toContain('request-constraint-narrowed GET /races/{race_id} path race_id');
  });

  it('flags a first pattern on a request field, unless x-astral-bounds-added accepts it with a reason', () => {
    const unbounded = (document: any) => {
      delete schemas(document).RaceName.pattern;
      delete schemas(document).RaceName['x-astral-bounds-added'];
    };
    const unmarked = between(unbounded, (document) => delete schemas(document).RaceName['x-astral-bounds-added']);
    expect(rules(unmarked)).toEqual([
      'request-constraint-narrowed POST /races body.race_name',
      'request-constraint-narrowed PUT /races/{race_id} body.race_name',
    ]);

    const accepted: Finding[] = [];
    expect(between(unbounded, () => {}, accepted)).toEqual([]);
    expect(rules(accepted)).toEqual([
      'request-first-bound-accepted POST /races body.race_name',
      'request-first-bound-accepted PUT /races/{race_id} body.race_name',
    ]);

    const withoutReason = between(
      unbounded,
      (document) => (schemas(document).RaceName['x-astral-bounds-added'] = { keywords: ['pattern'] }),
    );
    expect(withoutReason).toHaveLength(2);
  });

  it('accepts only the first bounds a schema lists: a changed pattern or a lowered bound still breaks', () => {
    const changed = afterEdit((document) => (schemas(document).RaceName.pattern = '^[A-Za-z ]+$'));
    expect(rules(changed)).toContain('request-constraint-narrowed POST /races body.race_name');
    const firstMinLength = between(
      (document) => delete schemas(document).RaceName.minLength,
      () => {},
    );
    expect(rules(firstMinLength)).toContain('request-constraint-narrowed POST /races body.race_name');
  });

  it('reads the longest match of an anchored pattern', () => {
    expect(patternMaxLength('^race_[A-Za-z0-9]{1,64}$')).toBe(69);
    expect(patternMaxLength('^(usr|org)_[A-Za-z0-9]{1,64}$')).toBe(68);
    expect(patternMaxLength('^(?=.*[a-z]).{8,128}$')).toBe(128);
    expect(patternMaxLength('^[^\\x00-\\x1F\\x7F]+$')).toBe(Infinity);
    expect(patternMaxLength('race_[a-z]{1,3}')).toBe(Infinity); // not anchored
    expect(patternMaxLength('^(?<name>a)$')).toBe(Infinity); // syntax it does not follow
  });
});
