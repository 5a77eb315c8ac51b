// The races list's cursor on its own: what it holds, what it refuses, how long it can get.
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../src/domain/errors.js';
import { decodeCursor, encodeCursor, filtersFingerprint } from '../src/resources/races/cursor.js';

const run = filtersFingerprint({ raceType: 'run', upcoming: false });

describe('races cursor', () => {
  it('round-trips a position with the filters it was issued for', () => {
    const position = { dateMs: Date.parse('2025-10-05T08:00:00Z'), raceId: 'race_xyz456' };
    const cursor = encodeCursor(position, run);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, run)).toEqual(position);
  });

  it('stays within the contract bound of 512 characters, whatever the position', () => {
    const longest = encodeCursor({ dateMs: -62167219200000, raceId: `race_${'A'.repeat(64)}` }, run);
    expect(longest.length).toBeLessThanOrEqual(512);
  });

  it('binds to the filters as parsed: case-insensitive filters ignore case, the rest does not', () => {
    const search = (value: string) => filtersFingerprint({ search: value, upcoming: false });
    expect(search('London')).toBe(search('LONDON'));
    expect(search('London')).not.toBe(search('Paris'));
    expect(filtersFingerprint({ upcoming: true })).not.toBe(filtersFingerprint({ upcoming: false }));
    expect(filtersFingerprint({ dateFromMs: 0, upcoming: false })).not.toBe(filtersFingerprint({ dateToMs: 0, upcoming: false }));
  });

  it('refuses another list filters and anything it did not write, on cursor', () => {
    const cursor = encodeCursor({ dateMs: 0, raceId: 'race_a' }, run);
    const refusal = (value: string, fingerprint = run) => {
      try {
        decodeCursor(value, fingerprint);
      } catch (error) {
        return error instanceof InvalidError ? error.field : error;
      }
      return 'accepted';
    };
    expect(refusal(cursor, filtersFingerprint({ raceType: 'bike', upcoming: false }))).toBe('cursor');
    expect(refusal('bm9wZQ')).toBe('cursor');
    expect(refusal(Buffer.from('null').toString('base64url'))).toBe('cursor');
    expect(refusal(Buffer.from(JSON.stringify({ d: 1.5, i: 'race_a', f: run })).toString('base64url'))).toBe('cursor');
  });
});
