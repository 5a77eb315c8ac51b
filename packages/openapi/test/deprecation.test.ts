// `deprecated: true` in the contract → the operation table's deprecation dates, checked at generation.
import { describe, expect, it } from 'vitest';
import { deprecationHeadersAt } from '../src/deprecation.js';
import { operationTable } from '../src/generated/operations.js';
import { describeContract } from '../src/reader/index.js';
import { bundled } from './bundled.js';

const withDeleteRace = (fields: Record<string, unknown>) => {
  const document = structuredClone(bundled);
  Object.assign(document.paths['/races/{race_id}'].delete, fields);
  return document;
};

describe('deprecation in the operation table', () => {
  it('is null for the operations the contract does not deprecate', () => {
    const { operations, responseHeaders } = describeContract(bundled);
    expect(Object.values(operations).length).toBeGreaterThan(0);
    expect(Object.values(operations).filter((entry) => entry.deprecation !== null)).toEqual([]);
    expect(responseHeaders).not.toContain('Deprecation');
  });

  it('carries the dates of a deprecated operation, and the headers become readable by browsers', () => {
    const described = describeContract(
      withDeleteRace({ deprecated: true, 'x-astral-deprecated-at': '2027-01-01', 'x-astral-sunset': '2027-06-30' }),
    );
    expect(described.operations.deleteRace?.deprecation).toEqual({ at: '2027-01-01', sunset: '2027-06-30' });
    expect(described.responseHeaders).toEqual(expect.arrayContaining(['Deprecation', 'Sunset']));
    expect(
      describeContract(withDeleteRace({ deprecated: true, 'x-astral-deprecated-at': '2027-01-01' })).operations.deleteRace?.deprecation,
    ).toEqual({
      at: '2027-01-01',
      sunset: null,
    });
  });

  it('refuses a deprecation without its date, a sunset before it, and dates without deprecated: true', () => {
    expect(() => describeContract(withDeleteRace({ deprecated: true }))).toThrow(
      'deleteRace is deprecated: give x-astral-deprecated-at: YYYY-MM-DD',
    );
    expect(() =>
      describeContract(withDeleteRace({ deprecated: true, 'x-astral-deprecated-at': '2027-01-01', 'x-astral-sunset': '2026-12-31' })),
    ).toThrow('x-astral-sunset must be a YYYY-MM-DD after');
    expect(() => describeContract(withDeleteRace({ 'x-astral-sunset': '2027-06-30' }))).toThrow(
      'has deprecation dates but no deprecated: true',
    );
  });

  it("gives the headers for a request URL, as the mock front adds them to Prism's answers", () => {
    const entry = operationTable.getRace as { deprecation: unknown };
    entry.deprecation = { at: '2027-01-01', sunset: null };
    try {
      expect(deprecationHeadersAt('GET', '/api/v1/races/race_xyz456?fields=all')).toEqual({ Deprecation: '@1798761600' });
      expect(deprecationHeadersAt('DELETE', '/api/v1/races/race_xyz456')).toEqual({});
      expect(deprecationHeadersAt('GET', '/elsewhere')).toEqual({});
    } finally {
      entry.deprecation = null;
    }
  });
});
