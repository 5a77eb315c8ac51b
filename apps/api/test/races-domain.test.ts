// The Races domain over a seeded repository, on SQLite in memory and on PostgreSQL, with a
// fixed clock: limits, filters, ordering, 409, partial updates and the authorization rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDefaulter } from '@astral/openapi';
import { DomainError } from '../src/domain/errors.js';
import { formatInstant, isWritableInstant, parseInstant } from '../src/domain/time.js';
import { mapDomainError } from '../src/map-error.js';
import { createAuthenticator } from '../src/resources/auth/service.js';
import type { ListRacesQuery, Race } from '../src/resources/races/model.js';
import { RaceService } from '../src/resources/races/service.js';
import type { Principal } from '../src/domain/principal.js';
import { catalog } from '../src/seed/catalog.js';
import { buildSeed, devCredentials, placeAroundNow, seedIds } from '../src/seed/build.js';
import type { DatabaseRepository } from '../src/repository.js';
import { describeOnDatabases, laneRepository } from './databases.js';

const now = new Date('2026-03-15T12:00:00Z');
// The lane's repository and service (set by each lane's beforeAll; lanes run one after the other).
let repository: DatabaseRepository;
let service: RaceService;
// The query as the server hands it over: the contract's defaults filled in by the same
// function @astral/server uses, and the names the caller sent.
const fillDefaults = queryDefaulter('listRaces')!;
const effectiveLimit = (query: Partial<ListRacesQuery>) => (fillDefaults({ ...query }) as ListRacesQuery).limit;
const races = {
  list: (query: Partial<ListRacesQuery>, sent: ReadonlySet<string> = new Set(Object.keys(query))) =>
    service.list(fillDefaults({ ...query }) as ListRacesQuery, sent),
  get: (...args: Parameters<RaceService['get']>) => service.get(...args),
  create: (...args: Parameters<RaceService['create']>) => service.create(...args),
  update: (...args: Parameters<RaceService['update']>) => service.update(...args),
  delete: (...args: Parameters<RaceService['delete']>) => service.delete(...args),
};
let athlete: Principal;
let admin: Principal;
let organization: Principal;

const sortedByDateThenId = (list: Race[]) =>
  [...list].sort((a, b) => Date.parse(a.race_date) - Date.parse(b.race_date) || a.race_id.localeCompare(b.race_id));

const domainError = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  // As the API answers it: the app's one mapError.
  const { status, code, field } = mapDomainError(error)!;
  return { status, code, field };
};

describeOnDatabases('the races domain on $name', (lane) => {
  beforeAll(async () => {
    ({ repository } = await laneRepository(lane));
    service = new RaceService({ races: repository.races, now: () => now });
    const authenticate = createAuthenticator(repository, { now: () => now, developmentCredentials: true });
    await repository.seed(buildSeed(now));
    athlete = (await authenticate({ bearer: devCredentials.athleteToken }))!;
    admin = (await authenticate({ bearer: devCredentials.adminToken }))!;
    organization = (await authenticate({ apiKey: devCredentials.organizationKey }))!;
  });
  afterAll(() => repository?.close());

  describe('the seed', () => {
    it('has at least 40 races across all six types, past and upcoming', () => {
      const seed = buildSeed(now);
      expect(seed.races.length).toBeGreaterThanOrEqual(40);
      expect(new Set(seed.races.map((r) => r.race_type))).toEqual(new Set(['run', 'bike', 'swim', 'triathlon', 'walk', 'hike']));
      const future = seed.races.filter((r) => Date.parse(r.race_date) > now.getTime());
      expect(future.length).toBeGreaterThan(10);
      expect(seed.races.length - future.length).toBeGreaterThan(10);
      expect(new Set(seed.races.map((r) => r.race_name.toLowerCase())).size).toBe(seed.races.length);
    });

    it('places every race within about six months of the seeding day, whatever the day', () => {
      for (const day of ['2026-01-01T00:00:00Z', '2026-06-30T12:00:00Z', '2028-02-29T23:59:59Z']) {
        const nowMs = Date.parse(day);
        for (const entry of catalog) {
          const offset = placeAroundNow(entry, nowMs) - nowMs;
          expect(Math.abs(offset)).toBeLessThanOrEqual(183 * 24 * 3600 * 1000);
        }
      }
    });
  });

  describe('limits', () => {
    it('come from the contract: 50, 10 with upcoming, 20 with search, 10 with both, else as given', () => {
      expect(effectiveLimit({})).toBe(50);
      expect(effectiveLimit({ upcoming: false })).toBe(50);
      expect(effectiveLimit({ upcoming: true })).toBe(10);
      expect(effectiveLimit({ search: 'a' })).toBe(20);
      expect(effectiveLimit({ search: 'a', upcoming: true })).toBe(10);
      expect(effectiveLimit({ search: 'a', limit: 7 })).toBe(7);
    });
  });

  describe('list', () => {
    it('orders by race_date then race_id', async () => {
      const { data } = await races.list({ limit: 100 });
      expect(data.length).toBe(buildSeed(now).races.length);
      expect(data.map((r) => r.race_id)).toEqual(sortedByDateThenId(data).map((r) => r.race_id));
    });

    it('upcoming lists only races after now, soonest first, 10 by default', async () => {
      const { data, filters } = await races.list({ upcoming: true });
      expect(data).toHaveLength(10);
      expect(filters).toEqual({ upcoming: true, limit: 10 });
      expect(data.every((r) => Date.parse(r.race_date) > now.getTime())).toBe(true);
      const all = (await races.list({ limit: 100 })).data.filter((r) => Date.parse(r.race_date) > now.getTime());
      expect(data).toEqual(all.slice(0, 10));
    });

    it('rejects date_from after date_to on date_to', async () => {
      expect(await domainError(races.list({ date_from: '2026-06-01T00:00:00Z', date_to: '2026-05-01T00:00:00Z' }))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        field: 'date_to',
      });
    });

    it('rejects a date-time that names no instant', async () => {
      expect(await domainError(races.list({ date_from: '2026-06-31T00:00:00Z' }))).toMatchObject({ status: 400, field: 'date_from' });
    });

    it('echoes only what the caller sent, with the effective limit', async () => {
      const { filters } = await races.list({ race_type: 'swim', upcoming: false }, new Set(['race_type']));
      expect(filters).toEqual({ race_type: 'swim', limit: 50 });
      const explicit = await races.list({ upcoming: false }, new Set(['upcoming']));
      expect(explicit.filters).toEqual({ upcoming: false, limit: 50 });
    });
  });

  describe('create, update, delete', () => {
    const body = {
      race_name: 'Domain Test 10K',
      race_type: 'run' as const,
      race_subtype: '10k',
      race_date: '2026-09-01T10:00:00+02:00',
      race_location: 'Bern, Switzerland',
    };

    it('creates with nulls and empty lists, normalizes the date to UTC, and refuses a duplicate', async () => {
      const race = await races.create(body, athlete);
      expect(race).toMatchObject({
        race_date: '2026-09-01T08:00:00Z',
        race_description: null,
        race_variants: [],
        participants_count: 0,
        created_by: seedIds.athlete,
        created_at: '2026-03-15T12:00:00Z',
        updated_at: '2026-03-15T12:00:00Z',
      });
      expect(await domainError(races.create({ ...body, race_name: 'domain test 10k', race_date: '2026-09-01T20:00:00Z' }, admin))).toEqual({
        status: 409,
        code: 'CONFLICT',
        field: 'race_name',
      });
    });

    it('lets only the creator, an admin, or the creating organization change a race', async () => {
      const own = await races.create({ ...body, race_name: 'Owned by Maya' }, athlete);
      expect(await domainError(races.update(own.race_id, { race_subtype: 'x' }, organization))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(await races.get(own.race_id)).toEqual(own);
      const byAdmin = await races.update(own.race_id, { race_subtype: '10K', race_description: 'Changed by an admin' }, admin);
      expect(byAdmin).toMatchObject({ race_subtype: '10K', race_description: 'Changed by an admin', race_name: 'Owned by Maya' });
      expect(Date.parse(byAdmin.updated_at)).toBeGreaterThan(Date.parse(own.updated_at));

      const orgRace = await races.create({ ...body, race_name: 'Club Relay' }, organization);
      expect(orgRace.created_by).toBe(seedIds.organization);
      expect(await domainError(races.delete(orgRace.race_id, athlete))).toMatchObject({ status: 403 });
      await races.delete(orgRace.race_id, organization);
      expect(await domainError(races.get(orgRace.race_id))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'race_id' });
    });

    it('refuses to rename a race onto another race on the same day', async () => {
      const other = await races.create({ ...body, race_name: 'Rename Target' }, athlete);
      expect(await domainError(races.update(other.race_id, { race_name: 'DOMAIN TEST 10K' }, athlete))).toMatchObject({
        status: 409,
        field: 'race_name',
      });
    });
  });
});

describe('parseInstant', () => {
  it('reads offsets and fractions, and refuses impossible dates', () => {
    expect(parseInstant('2025-10-05T10:00:00+02:00')).toBe(Date.UTC(2025, 9, 5, 8));
    expect(parseInstant('2025-10-05t08:00:00.250z')).toBe(Date.UTC(2025, 9, 5, 8, 0, 0, 250));
    expect(parseInstant('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
    // a leap second, only at 23:59 UTC, reads as :59
    expect(parseInstant('2016-12-31T23:59:60Z')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59));
    expect(parseInstant('2017-01-01T00:59:60+01:00')).toBe(Date.UTC(2016, 11, 31, 23, 59, 59));
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2026-06-31T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2016-12-31T12:59:60Z',
      '2026-01-01T23:59:61Z',
      '2026-01-01',
      'soon',
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
    expect(formatInstant(Date.UTC(2025, 9, 5, 8))).toBe('2025-10-05T08:00:00Z');
    expect(formatInstant(Date.UTC(2025, 9, 5, 8, 0, 0, 250))).toBe('2025-10-05T08:00:00.250Z');
    expect(isWritableInstant(parseInstant('9999-12-31T23:59:59Z')!)).toBe(true);
    expect(isWritableInstant(parseInstant('9999-12-31T23:59:58-12:45')!)).toBe(false);
    expect(isWritableInstant(parseInstant('0000-01-01T00:30:00+01:00')!)).toBe(false);
  });
});
