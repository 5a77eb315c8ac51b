// The one keyset cursor every list pages with: its wire format (what clients already hold
// keeps working), what it refuses (with the API's messages, on `cursor`), the ids it accepts
// being the contract's patterns, and the page it cuts from `limit + 1` rows.
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../src/domain/errors.js';
import { contractId, epochMs, filtersDigest, keysetCursor, keysetPage } from '../src/domain/keyset-cursor.js';

const wire = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
const refusal = (decode: () => unknown) => {
  try {
    decode();
  } catch (error) {
    return error instanceof InvalidError ? { field: error.field, message: error.message } : error;
  }
  return 'accepted';
};
const notOurs = { field: 'cursor', message: 'cursor is not a cursor this list issued; pass metadata.next_cursor back unchanged' };

describe('keyset cursor', () => {
  const organizations = keysetCursor({ organizationId: contractId('o', 'Organization', 'org_id') });
  const audit = keysetCursor({ ms: epochMs('t'), eventId: contractId('i', 'AuditEvent', 'event_id') });
  const members = keysetCursor({ userId: contractId('u', 'Member', 'user_id') }, { filtered: true });

  it('writes base64url JSON of the position under its wire keys, the filters digest last', () => {
    expect(organizations.encode({ organizationId: 'org_alpineclub' })).toBe(wire({ o: 'org_alpineclub' }));
    expect(audit.encode({ ms: 1759651200000, eventId: 'aud_7Hq2LmX9' })).toBe(wire({ t: 1759651200000, i: 'aud_7Hq2LmX9' }));
    const athletes = filtersDigest(['athlete', null, null]);
    expect(members.encode({ userId: 'usr_athlete2' }, athletes)).toBe(wire({ u: 'usr_athlete2', f: athletes }));
    expect(members.decode(wire({ u: 'usr_athlete2', f: athletes }), athletes)).toEqual({ userId: 'usr_athlete2' });
  });

  it("accepts only ids matching the contract's pattern for the listed item", () => {
    expect(organizations.decode(wire({ o: 'org_a1' }))).toEqual({ organizationId: 'org_a1' });
    expect(refusal(() => organizations.decode(wire({ o: 'race_a1' })))).toEqual(notOurs);
    expect(refusal(() => organizations.decode(wire({ o: `org_${'a'.repeat(65)}` })))).toEqual(notOurs);
    expect(() => contractId('x', 'Organization', 'created_at')).toThrow(/no pattern/);
  });

  it('refuses what no list wrote, and a filtered cursor sent with other filters', () => {
    for (const cursor of ['bm9wZQ', wire(null), wire([1]), wire({ t: 1.5, i: 'aud_a' }), wire({ t: 1 })]) {
      expect(refusal(() => audit.decode(cursor))).toEqual(notOurs);
    }
    const athletes = filtersDigest(['athlete', null, null]);
    expect(refusal(() => members.decode(wire({ u: 'usr_a' }), athletes))).toEqual(notOurs);
    expect(refusal(() => members.decode(members.encode({ userId: 'usr_a' }, athletes), filtersDigest([null, null, null])))).toEqual({
      field: 'cursor',
      message: 'cursor was issued for other filters; send the same filters as the page that issued it',
    });
  });

  it('cuts a page from limit + 1 rows, with a cursor only when more follow', () => {
    const after = (last: number) => `after-${last}`;
    expect(keysetPage({ rows: [1, 2, 3], total: 5 }, 2, after)).toEqual({ data: [1, 2], nextCursor: 'after-2', total: 5 });
    expect(keysetPage({ rows: [1, 2], total: 2 }, 2, after)).toEqual({ data: [1, 2], nextCursor: null, total: 2 });
    expect(keysetPage({ rows: [], total: 0 }, 2, after)).toEqual({ data: [], nextCursor: null, total: 0 });
  });
});
