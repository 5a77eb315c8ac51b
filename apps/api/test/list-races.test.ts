// GET /races over HTTP (in-process): every filter, every default limit, the order, the
// filters echo, cursor paging and each validation error, on a seeded in-memory database
// (60 races).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Race } from '../src/resources/races/model.js';
import { describeOnDatabases } from './databases.js';
import { errorOf, fixedNow, laneApp, storedRace } from './helpers.js';

describeOnDatabases('on $name', (lane) => {
  const { call, close, repository, started } = laneApp(lane);
  let all: Race[];

  beforeAll(async () => {
    await (await started()).app.ready(); // seeds the 48 catalog races
    // 12 more, so the catalog is larger than the default limit of 50.
    for (let n = 1; n <= 12; n++) {
      const date = new Date(Date.UTC(2026, 0, 1) + n * 9 * 24 * 3600 * 1000).toISOString();
      await repository.races.insert(
        storedRace({
          race_id: `race_parkrun${n}`,
          race_name: `Riverside parkrun #${n}`,
          race_type: 'run',
          race_subtype: '5k',
          race_date: date,
          race_location: 'Basel, Switzerland',
          created_by: 'usr_admin1',
        }),
      );
    }
    const everything = await call('GET', '/races?limit=100');
    all = everything.body.data;
  });
  afterAll(() => close());

  const ids = (races: Race[]) => races.map((race) => race.race_id);
  const list = async (query: string, as: Parameters<typeof call>[2] = 'athlete') => {
    const reply = await call('GET', `/races${query}`, as);
    expect(reply.status).toBe(200);
    expect(reply.body.metadata.total).toBeGreaterThanOrEqual(reply.body.data.length);
    return reply.body as { data: Race[]; metadata: { total: number; next_cursor: string | null; filters: Record<string, unknown> } };
  };

  describe('GET /races: order and limits', () => {
    it('has the whole catalog ordered by race_date ascending, then race_id', () => {
      expect(all).toHaveLength(60);
      const sorted = [...all].sort((a, b) => Date.parse(a.race_date) - Date.parse(b.race_date) || (a.race_id < b.race_id ? -1 : 1));
      expect(ids(all)).toEqual(ids(sorted));
    });

    it('breaks ties on the same date by race_id', async () => {
      const date = '2027-01-10T09:00:00Z';
      for (const name of ['Tie Zulu', 'Tie Alpha']) {
        expect(
          (
            await call('POST', '/races', 'admin', {
              race_name: name,
              race_type: 'swim',
              race_subtype: 'pool',
              race_date: date,
              race_location: 'Tie Town',
            })
          ).status,
        ).toBe(201);
      }
      const { data } = await list('?location=tie%20town');
      expect(data).toHaveLength(2);
      expect(data[0]!.race_id < data[1]!.race_id).toBe(true);
      for (const race of data) await call('DELETE', `/races/${race.race_id}`, 'admin');
    });

    it('returns 50 by default and echoes the limit', async () => {
      const { data, metadata } = await list('');
      expect(ids(data)).toEqual(ids(all.slice(0, 50)));
      expect(metadata.filters).toEqual({ limit: 50 });
    });

    it('honours an explicit limit, up to 100', async () => {
      expect(ids((await list('?limit=3')).data)).toEqual(ids(all.slice(0, 3)));
      expect((await list('?limit=100')).metadata).toEqual({ total: 60, next_cursor: null, filters: { limit: 100 } });
    });

    it.each([
      ['?limit=101', 'limit'],
      ['?limit=0', 'limit'],
      ['?limit=ten', 'limit'],
      ['?race_type=car', 'race_type'],
      ['?upcoming=maybe', 'upcoming'],
      ['?date_from=yesterday', 'date_from'],
      ['?date_to=2026-13-01T00:00:00Z', 'date_to'],
      ['?search=', 'search'],
      ['?location=', 'location'],
    ])('answers %s with 400 VALIDATION_ERROR on %s', async (query, field) => {
      expect(errorOf(await call('GET', `/races${query}`))).toEqual({ status: 400, code: 'VALIDATION_ERROR', field });
    });

    it('answers date_from after date_to with 400 on date_to', async () => {
      const reply = await call('GET', '/races?date_from=2026-06-01T00:00:00Z&date_to=2026-05-01T00:00:00Z');
      expect(errorOf(reply)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: 'date_to' });
      expect(reply.body.error).toMatch(/date_to/);
    });
  });

  describe('GET /races: filters', () => {
    it('upcoming=true: only races after now, soonest first, 10 by default', async () => {
      const future = all.filter((race) => Date.parse(race.race_date) > fixedNow.getTime());
      expect(future.length).toBeGreaterThan(10);
      const { data, metadata } = await list('?upcoming=true');
      expect(ids(data)).toEqual(ids(future.slice(0, 10)));
      expect(metadata.filters).toEqual({ upcoming: true, limit: 10 });
      expect(ids((await list('?upcoming=true&limit=25')).data)).toEqual(ids(future.slice(0, 25)));
    });

    it('upcoming=false is no filter and keeps the default of 50, and is echoed as sent', async () => {
      const { data, metadata } = await list('?upcoming=false');
      expect(ids(data)).toEqual(ids(all.slice(0, 50)));
      expect(metadata.filters).toEqual({ upcoming: false, limit: 50 });
    });

    it('search: name or location, partial and case-insensitive, 20 by default', async () => {
      const matches = all.filter((race) => /a/i.test(race.race_name) || /a/i.test(race.race_location));
      expect(matches.length).toBeGreaterThan(20);
      const { data, metadata } = await list('?search=A');
      expect(ids(data)).toEqual(ids(matches.slice(0, 20)));
      expect(metadata.filters).toEqual({ search: 'A', limit: 20 });
      // by location only (no race is named after Chamonix) and by name only
      expect(ids((await list('?search=chamonix')).data)).toEqual(['race_utmbmontblanc']);
      expect(ids((await list('?search=HARDROCK')).data)).toEqual(['race_hardrock100']);
      const none = await list('?search=Atlantis');
      expect(none).toEqual({
        status: 'ok',
        data: [],
        metadata: { total: 0, next_cursor: null, filters: { search: 'Atlantis', limit: 20 } },
      });
    });

    it('search with upcoming defaults to 10', async () => {
      const matches = all.filter(
        (race) => Date.parse(race.race_date) > fixedNow.getTime() && /e/i.test(`${race.race_name} ${race.race_location}`),
      );
      expect(matches.length).toBeGreaterThan(10);
      const { data, metadata } = await list('?search=e&upcoming=true');
      expect(ids(data)).toEqual(ids(matches.slice(0, 10)));
      expect(metadata.filters).toEqual({ search: 'e', upcoming: true, limit: 10 });
    });

    it('race_type: exact', async () => {
      for (const type of ['run', 'bike', 'swim', 'triathlon', 'walk', 'hike']) {
        const { data, metadata } = await list(`?race_type=${type}&limit=100`);
        expect(ids(data)).toEqual(ids(all.filter((race) => race.race_type === type)));
        expect(data.length).toBeGreaterThan(0);
        expect(metadata.filters).toEqual({ race_type: type, limit: 100 });
      }
    });

    it('race_subtype: exact match, case-insensitive', async () => {
      const marathons = all.filter((race) => race.race_subtype === 'marathon');
      expect(ids((await list('?race_subtype=MARATHON')).data)).toEqual(ids(marathons));
      // exact, so "marathon" does not match "half-marathon" or "marathon-swim"
      expect((await list('?race_subtype=marathon')).data.every((race) => race.race_subtype === 'marathon')).toBe(true);
      expect((await list('?race_subtype=marath')).data).toEqual([]);
    });

    it('location: partial, case-insensitive', async () => {
      const london = all.filter((race) => race.race_location.toLowerCase().includes('london'));
      expect(london.length).toBeGreaterThan(1);
      const { data, metadata } = await list('?location=LONDON');
      expect(ids(data)).toEqual(ids(london));
      expect(metadata.filters).toEqual({ location: 'LONDON', limit: 50 });
      expect(ids((await list('?location=chicago')).data)).toEqual(['race_chicagomarathon']);
    });

    it('date_from and date_to: inclusive bounds, alone or together', async () => {
      const pivot = all[20]!;
      const later = all[30]!;
      const from = await list(`?date_from=${encodeURIComponent(pivot.race_date)}&limit=100`);
      expect(ids(from.data)).toEqual(ids(all.filter((race) => Date.parse(race.race_date) >= Date.parse(pivot.race_date))));
      expect(ids(from.data)).toContain(pivot.race_id);
      const to = await list(`?date_to=${encodeURIComponent(pivot.race_date)}&limit=100`);
      expect(ids(to.data)).toEqual(ids(all.filter((race) => Date.parse(race.race_date) <= Date.parse(pivot.race_date))));
      expect(ids(to.data)).toContain(pivot.race_id);
      const both = await list(`?date_from=${encodeURIComponent(pivot.race_date)}&date_to=${encodeURIComponent(later.race_date)}`);
      expect(ids(both.data)).toEqual(
        ids(
          all.filter(
            (race) =>
              Date.parse(race.race_date) >= Date.parse(pivot.race_date) && Date.parse(race.race_date) <= Date.parse(later.race_date),
          ),
        ),
      );
      expect(both.metadata.filters).toEqual({ date_from: pivot.race_date, date_to: later.race_date, limit: 50 });
    });

    it('date bounds with an offset compare instants, not strings', async () => {
      const first = all[0]!;
      const ms = Date.parse(first.race_date);
      // the same instant written at +02:00
      const local = new Date(ms + 2 * 3600 * 1000).toISOString().replace('.000Z', '+02:00');
      const { data } = await list(`?date_to=${encodeURIComponent(local)}`);
      expect(ids(data)).toContain(first.race_id);
    });

    it('combines filters with AND', async () => {
      const expected = all.filter(
        (race) => race.race_type === 'run' && race.race_location.includes('USA') && Date.parse(race.race_date) > fixedNow.getTime(),
      );
      const { data, metadata } = await list('?race_type=run&location=usa&upcoming=true&limit=100');
      expect(ids(data)).toEqual(ids(expected));
      expect(metadata.filters).toEqual({ race_type: 'run', location: 'usa', upcoming: true, limit: 100 });
    });

    it('lets any authenticated caller read, and nobody else', async () => {
      expect((await list('?limit=1', 'admin')).data).toHaveLength(1);
      expect((await list('?limit=1', 'organization')).data).toHaveLength(1);
      expect(errorOf(await call('GET', '/races', 'anonymous'))).toEqual({ status: 401, code: 'UNAUTHORIZED', field: undefined });
      expect(errorOf(await call('GET', '/races', { headers: { authorization: 'Bearer not-a-token' } }))).toEqual({
        status: 401,
        code: 'UNAUTHORIZED',
        field: 'Authorization',
      });
      expect(errorOf(await call('GET', '/races', { headers: { 'x-api-key': 'not-a-key' } }))).toEqual({
        status: 401,
        code: 'UNAUTHORIZED',
        field: 'X-API-Key',
      });
      // credentials in the query string are ignored
      expect((await call('GET', '/races?api_key=dev-org-key', 'anonymous')).status).toBe(401);
    });
  });
  describe('GET /races: cursor paging', () => {
    /** Every page from `query` on, following `next_cursor` until it is null. */
    const pages = async (query: string) => {
      const seen: Array<Awaited<ReturnType<typeof list>>> = [];
      let cursor: string | null = null;
      do {
        const page = await list(cursor === null ? query : `${query}&cursor=${cursor}`);
        seen.push(page);
        cursor = page.metadata.next_cursor;
      } while (cursor !== null && seen.length <= 100);
      return seen;
    };

    it('without a cursor answers as before, with next_cursor when more races follow', async () => {
      const first = await list('?limit=3');
      expect(ids(first.data)).toEqual(ids(all.slice(0, 3)));
      expect(first.metadata.next_cursor).toMatch(/^[A-Za-z0-9_-]{1,512}$/);
      expect(first.metadata.filters).toEqual({ limit: 3 });
      // exactly `limit` races left: the page holds them all and says so
      expect((await list('?limit=60')).metadata.next_cursor).toBeNull();
      expect((await list('?limit=59')).metadata.next_cursor).not.toBeNull();
    });

    it('pages through the whole catalog with limit 2: every race once, in order, null at the end', async () => {
      const seen = await pages('?limit=2');
      expect(seen).toHaveLength(30);
      expect(ids(seen.flatMap((page) => page.data))).toEqual(ids(all));
      expect(seen.slice(0, -1).every((page) => page.data.length === 2 && page.metadata.next_cursor !== null)).toBe(true);
      expect(seen.at(-1)!.metadata.next_cursor).toBeNull();
      // the cursor is a position, not a filter: never echoed
      expect(seen.every((page) => !('cursor' in page.metadata.filters))).toBe(true);
    });

    it('keeps the filters on every page, and the default limit of each', async () => {
      const runs = all.filter((race) => race.race_type === 'run');
      expect(ids((await pages('?race_type=run&limit=4')).flatMap((page) => page.data))).toEqual(ids(runs));
      const future = all.filter((race) => Date.parse(race.race_date) > fixedNow.getTime());
      const upcoming = await pages('?upcoming=true');
      expect(upcoming[0]!.data).toHaveLength(10);
      expect(ids(upcoming.flatMap((page) => page.data))).toEqual(ids(future));
    });

    it('answers as total every race matching the filters across all pages, the same on every page', async () => {
      const runs = all.filter((race) => race.race_type === 'run');
      const seen = await pages('?race_type=run&limit=4');
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.map((page) => page.metadata.total)).toEqual(seen.map(() => runs.length));
      expect(seen[0]!.data).toHaveLength(4);
      const matches = all.filter((race) => /a/i.test(race.race_name) || /a/i.test(race.race_location));
      expect(matches.length).toBeGreaterThan(2);
      expect((await list('?search=a&limit=2')).metadata.total).toBe(matches.length);
      expect((await list('?limit=2')).metadata.total).toBe(all.length);
    });

    it('lets limit change between pages, and the case of a case-insensitive filter', async () => {
      const first = await list('?search=a&limit=2');
      const next = await list(`?search=A&limit=5&cursor=${first.metadata.next_cursor}`);
      const matches = all.filter((race) => /a/i.test(race.race_name) || /a/i.test(race.race_location));
      expect(ids(next.data)).toEqual(ids(matches.slice(2, 7)));
    });

    it.each([
      ['not-a-cursor', 'pattern-valid, but not base64url JSON'],
      [Buffer.from('{"d":1,"i":"race_abc"}').toString('base64url'), 'no filters fingerprint'],
      [Buffer.from('{"d":"2026-01-01","i":"race_abc","f":"x"}').toString('base64url'), 'a position of the wrong type'],
      [Buffer.from('{"d":1,"i":"usr_abc","f":"x"}').toString('base64url'), 'not a race id'],
      [Buffer.from('[1,2,3]').toString('base64url'), 'not an object'],
      ['abc+/=', 'outside the alphabet'],
      ['x'.repeat(513), 'over 512 characters'],
    ])('answers the cursor %s (%s) with 400 VALIDATION_ERROR on cursor', async (cursor) => {
      const reply = await call('GET', `/races?cursor=${encodeURIComponent(cursor)}`);
      expect(errorOf(reply)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: 'cursor' });
    });

    it('answers a cursor sent with other filters with 400 on cursor', async () => {
      const { metadata } = await list('?race_type=run&limit=2');
      for (const query of ['', 'race_type=bike&', 'race_type=run&upcoming=true&', 'race_type=run&location=usa&']) {
        const reply = await call('GET', `/races?${query}cursor=${metadata.next_cursor}`);
        expect(errorOf(reply)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: 'cursor' });
        expect(reply.body.error).toMatch(/other filters/);
      }
      expect((await list(`?race_type=run&cursor=${metadata.next_cursor}`)).data.length).toBeGreaterThan(0);
    });

    it('neither repeats nor skips a race when races are added between pages', async () => {
      const first = await list('?limit=5');
      const lastSeen = first.data.at(-1)!;
      const added = (race_id: string, race_date: string) =>
        repository.races.insert(
          storedRace({
            race_id,
            race_name: `Paging ${race_id}`,
            race_type: 'walk',
            race_subtype: 'city',
            race_date,
            race_location: 'Paging Town',
            created_by: 'usr_admin1',
          }),
        );
      // Before the cursor (earlier date; same date, lower id), at it (same date, higher id), and far after.
      await added('race_pagingearly', all[0]!.race_date);
      await added('race_0paging', lastSeen.race_date);
      await added('race_zzzpaging', lastSeen.race_date);
      await added('race_paginglate', '2099-01-01T00:00:00Z');
      try {
        const rest: Race[] = [];
        let cursor = first.metadata.next_cursor;
        while (cursor !== null) {
          const page = await list(`?limit=7&cursor=${cursor}`);
          rest.push(...page.data);
          cursor = page.metadata.next_cursor;
        }
        const restIds = ids(rest);
        expect(new Set(restIds).size).toBe(restIds.length);
        // every race that existed after the first page, once and in order, plus the later additions
        expect(restIds.filter((id) => !id.includes('paging'))).toEqual(ids(all.slice(5)));
        expect(restIds).toContain('race_zzzpaging');
        expect(restIds.at(-1)).toBe('race_paginglate');
        expect(restIds).not.toContain('race_pagingearly');
        expect(restIds).not.toContain('race_0paging');
      } finally {
        for (const id of ['race_pagingearly', 'race_0paging', 'race_zzzpaging', 'race_paginglate']) {
          await call('DELETE', `/races/${id}`, 'admin');
        }
      }
    });
  });
});
