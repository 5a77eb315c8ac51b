// POST, GET, PUT, DELETE /races over HTTP (in-process): the created shape, nulls and
// defaults, validation errors with their field, 409, the live participants count, partial
// updates with a moving updated_at, and delete-then-404.
import { afterAll, describe, expect, it } from 'vitest';
import { describeOnDatabases } from './databases.js';
import { errorOf, fixedNow, laneApp } from './helpers.js';

const minimal = {
  race_name: 'Ironman 70.3 Zell am See',
  race_type: 'triathlon',
  race_subtype: 'half-ironman',
  race_date: '2026-08-30T07:00:00Z',
  race_location: 'Zell am See, Austria',
};
const full = {
  race_name: 'Chicago Marathon',
  race_type: 'run',
  race_subtype: 'marathon',
  race_date: '2025-10-05T08:00:00Z',
  race_location: 'Chicago, IL, USA',
  race_description: 'One of the six World Marathon Majors.',
  race_website_url: 'https://www.chicagomarathon.com',
  race_image_url: 'https://images.nexrex.ai/races/chicago-marathon.jpg',
  race_timezone: 'America/Chicago',
  race_participant_count: 45000,
  race_variants: ['Marathon'],
  race_categories: ['Open', 'Masters', 'Wheelchair'],
};

describeOnDatabases('on $name', (lane) => {
  const { call, close, repository } = laneApp(lane);
  afterAll(() => close());

  describe('POST /races', () => {
    it('creates a race with every field: 201, status, race_id, message, data', async () => {
      const reply = await call('POST', '/races', 'athlete', full);
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        status: 'ok',
        race_id: reply.body.data.race_id,
        message: 'Race created successfully',
        data: {
          ...full,
          race_id: reply.body.race_id,
          participants_count: 0,
          created_by: 'usr_athlete1',
          created_at: fixedNow.toISOString().replace('.000Z', 'Z'),
          updated_at: fixedNow.toISOString().replace('.000Z', 'Z'),
        },
      });
      expect(reply.body.race_id).toMatch(/^race_[A-Za-z0-9]{1,64}$/);
      const read = await call('GET', `/races/${reply.body.race_id}`);
      expect(read.body).toEqual({ status: 'ok', data: reply.body.data });
    });

    it('stores unset optional fields as null and lists as empty', async () => {
      const reply = await call('POST', '/races', 'athlete', minimal);
      expect(reply.status).toBe(201);
      expect(reply.body.data).toMatchObject({
        race_description: null,
        race_website_url: null,
        race_image_url: null,
        race_timezone: null,
        race_participant_count: null,
        race_variants: [],
        race_categories: [],
      });
      // explicit nulls are the same as omitted
      const withNulls = await call('POST', '/races', 'athlete', {
        ...minimal,
        race_name: 'Null Fields Race',
        race_description: null,
        race_participant_count: null,
      });
      expect(withNulls.body.data).toMatchObject({ race_description: null, race_participant_count: null });
    });

    it('stores the date in UTC', async () => {
      const reply = await call('POST', '/races', 'athlete', {
        ...minimal,
        race_name: 'Offset Race',
        race_date: '2026-09-06T09:30:00+02:00',
      });
      expect(reply.body.data.race_date).toBe('2026-09-06T07:30:00Z');
    });

    it('refuses a date outside years 0000-9999 in UTC on race_date, and stores nothing', async () => {
      const reply = await call('POST', '/races', 'admin', {
        ...minimal,
        race_name: 'Edge of Time',
        race_date: '9999-12-31T23:59:58-12:45',
      });
      expect(errorOf(reply)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: 'race_date' });
      expect((await call('GET', '/races?search=edge%20of%20time')).body.data).toEqual([]);
      const latest = await call('POST', '/races', 'admin', { ...minimal, race_name: 'Edge of Time', race_date: '9999-12-31T23:59:59Z' });
      expect(latest.body.data.race_date).toBe('9999-12-31T23:59:59Z');
      expect(errorOf(await call('PUT', `/races/${latest.body.race_id}`, 'admin', { race_date: '9999-12-31T23:00:00-01:00' }))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        field: 'race_date',
      });
      expect((await call('GET', '/races?limit=100')).status).toBe(200);
    });

    it('reads a leap second as the second before it', async () => {
      const reply = await call('POST', '/races', 'admin', { ...minimal, race_name: 'Leap Second Run', race_date: '2016-12-31T23:59:60Z' });
      expect(reply.status).toBe(201);
      expect(reply.body.data.race_date).toBe('2016-12-31T23:59:59Z');
      expect(
        (await call('GET', '/races?date_from=2016-12-31T23:59:60Z&date_to=2016-12-31T23:59:60Z')).body.data.map(
          (r: { race_name: string }) => r.race_name,
        ),
      ).toEqual(['Leap Second Run']);
    });

    it('answers the same name (any case) on the same UTC date with 409 CONFLICT', async () => {
      const first = await call('POST', '/races', 'athlete', { ...minimal, race_name: 'Duplicate Dash', race_date: '2026-10-10T06:00:00Z' });
      expect(first.status).toBe(201);
      const again = await call('POST', '/races', 'admin', { ...minimal, race_name: 'DUPLICATE dash', race_date: '2026-10-10T18:00:00Z' });
      expect(errorOf(again)).toEqual({ status: 409, code: 'CONFLICT', field: 'race_name' });
      expect(again.body.error).toMatch(/already exists on 2026-10-10/);
      // a different day is another race
      expect(
        (await call('POST', '/races', 'admin', { ...minimal, race_name: 'Duplicate Dash', race_date: '2026-10-11T06:00:00Z' })).status,
      ).toBe(201);
      // the catalog's own races are duplicates too
      const boston = (await call('GET', '/races/race_bostonmarathon')).body.data;
      const copy = await call('POST', '/races', 'organization', { ...minimal, race_name: boston.race_name, race_date: boston.race_date });
      expect(errorOf(copy)).toEqual({ status: 409, code: 'CONFLICT', field: 'race_name' });
    });

    it.each([
      ['a missing required field', { ...minimal, race_name: undefined }, 'race_name'],
      ['an unknown race_type', { ...minimal, race_type: 'car' }, 'race_type'],
      ['a negative participant count', { ...minimal, race_participant_count: -1 }, 'race_participant_count'],
      ['a fractional participant count', { ...minimal, race_participant_count: 1.5 }, 'race_participant_count'],
      ['a date that is not ISO 8601', { ...minimal, race_date: '30/08/2026' }, 'race_date'],
      ['an empty name', { ...minimal, race_name: '' }, 'race_name'],
      ['a website that is not http(s)', { ...minimal, race_website_url: 'ftp://example.com' }, 'race_website_url'],
      ['a timezone that is not IANA', { ...minimal, race_timezone: 'Mars Standard Time' }, 'race_timezone'],
      ['variants that are not strings', { ...minimal, race_variants: [42] }, 'race_variants[0]'],
      ['an unknown field', { ...minimal, race_colour: 'red' }, 'race_colour'],
      ['a server-set field', { ...minimal, race_id: 'race_mine' }, 'race_id'],
      ['a server-set count', { ...minimal, participants_count: 5 }, 'participants_count'],
    ])('answers %s with 400 VALIDATION_ERROR on the field', async (_case, body, field) => {
      expect(errorOf(await call('POST', '/races', 'athlete', body))).toEqual({ status: 400, code: 'VALIDATION_ERROR', field });
    });

    it('answers malformed JSON with 400 INVALID_JSON and another content type with 415', async () => {
      expect(errorOf(await call('POST', '/races', 'athlete', '{"race_name": '))).toMatchObject({ status: 400, code: 'INVALID_JSON' });
      const form = await call('POST', '/races', 'athlete', 'race_name=x', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(errorOf(form)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('answers without credentials with 401 and creates nothing', async () => {
      expect(errorOf(await call('POST', '/races', 'anonymous', { ...minimal, race_name: 'Ghost Race' }))).toMatchObject({
        status: 401,
        code: 'UNAUTHORIZED',
      });
      expect((await call('GET', '/races?search=ghost')).body.data).toEqual([]);
    });
  });

  describe('GET /races/{race_id}', () => {
    it('counts participants live from the participants table', async () => {
      const created = (await call('POST', '/races', 'athlete', { ...minimal, race_name: 'Leaderboard Race' })).body.data;
      expect(created.participants_count).toBe(0);
      for (const n of [1, 2, 3]) {
        await repository.races.addParticipant({
          participant_id: `par_lb${n}`,
          race_id: created.race_id,
          user_id: null,
          display_name: `Runner ${n}`,
          registered_at: '2026-03-01T00:00:00Z',
        });
        expect((await call('GET', `/races/${created.race_id}`)).body.data.participants_count).toBe(n);
      }
      // the list shows the same live count
      expect((await call('GET', '/races?search=leaderboard')).body.data[0].participants_count).toBe(3);
    });

    it('has seeded participants for catalog races', async () => {
      const { data } = (await call('GET', '/races?limit=100')).body;
      expect(data.some((race: { participants_count: number }) => race.participants_count > 0)).toBe(true);
    });

    it('answers an unknown race with 404 NOT_FOUND on race_id, and a malformed id with 400', async () => {
      expect(errorOf(await call('GET', '/races/race_doesnotexist'))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'race_id' });
      expect(errorOf(await call('GET', '/races/not-a-race-id'))).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: 'race_id' });
    });
  });

  describe('PUT /races/{race_id}', () => {
    it('changes only the fields supplied, moves updated_at, keeps created_at', async () => {
      const before = (await call('POST', '/races', 'athlete', { ...full, race_name: 'Partial Update Marathon' })).body.data;
      const reply = await call('PUT', `/races/${before.race_id}`, 'athlete', {
        race_participant_count: 50000,
        race_website_url: 'https://www.example.com/2026',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.status).toBe('ok');
      expect(reply.body.message).toBe('Race updated successfully');
      const after = reply.body.data;
      expect(after).toEqual({
        ...before,
        race_participant_count: 50000,
        race_website_url: 'https://www.example.com/2026',
        updated_at: after.updated_at,
      });
      expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
      expect(after.created_at).toBe(before.created_at);
      expect((await call('GET', `/races/${before.race_id}`)).body.data).toEqual(after);
      // a second update moves it again
      const again = (await call('PUT', `/races/${before.race_id}`, 'athlete', { race_subtype: 'road-marathon' })).body.data;
      expect(Date.parse(again.updated_at)).toBeGreaterThan(Date.parse(after.updated_at));
    });

    it('clears an optional field with null, and normalizes a new date to UTC', async () => {
      const race = (await call('POST', '/races', 'athlete', { ...full, race_name: 'Clearing Race' })).body.data;
      const reply = await call('PUT', `/races/${race.race_id}`, 'athlete', {
        race_image_url: null,
        race_date: '2025-10-05T03:00:00-05:00',
      });
      expect(reply.body.data).toMatchObject({
        race_image_url: null,
        race_date: '2025-10-05T08:00:00Z',
        race_website_url: full.race_website_url,
      });
    });

    it.each([
      ['an empty body', {}, undefined],
      ['null for a required field', { race_name: null }, 'race_name'],
      ['an unknown race_type', { race_type: 'car' }, 'race_type'],
      ['a negative participant count', { race_participant_count: -5 }, 'race_participant_count'],
      ['a server-set field', { updated_at: '2026-01-01T00:00:00Z' }, 'updated_at'],
    ])('answers %s with 400 and changes nothing', async (_case, body, field) => {
      const before = (await call('GET', '/races/race_bostonmarathon')).body.data;
      const reply = await call('PUT', '/races/race_bostonmarathon', 'admin', body);
      expect(errorOf(reply)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field });
      expect((await call('GET', '/races/race_bostonmarathon')).body.data).toEqual(before);
    });

    it('answers a rename onto another race on the same day with 409', async () => {
      const a = (await call('POST', '/races', 'athlete', { ...minimal, race_name: 'Rename A', race_date: '2026-11-01T08:00:00Z' })).body
        .data;
      const b = (await call('POST', '/races', 'athlete', { ...minimal, race_name: 'Rename B', race_date: '2026-11-02T08:00:00Z' })).body
        .data;
      expect(errorOf(await call('PUT', `/races/${b.race_id}`, 'athlete', { race_name: 'rename a', race_date: a.race_date }))).toEqual({
        status: 409,
        code: 'CONFLICT',
        field: 'race_name',
      });
      expect((await call('GET', `/races/${b.race_id}`)).body.data).toEqual(b);
      // moving only the date onto a's day is fine when the names differ; the name alone too
      expect((await call('PUT', `/races/${b.race_id}`, 'athlete', { race_date: a.race_date })).status).toBe(200);
      expect(errorOf(await call('PUT', `/races/${b.race_id}`, 'athlete', { race_name: 'RENAME A' }))).toEqual({
        status: 409,
        code: 'CONFLICT',
        field: 'race_name',
      });
    });

    it('answers an unknown race with 404', async () => {
      expect(errorOf(await call('PUT', '/races/race_doesnotexist', 'admin', { race_name: 'x' }))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'race_id',
      });
    });
  });

  describe('DELETE /races/{race_id}', () => {
    it('removes the race and its participants; a later get, update or delete is 404', async () => {
      const race = (await call('POST', '/races', 'athlete', { ...minimal, race_name: 'Short-lived Race' })).body.data;
      await repository.races.addParticipant({
        participant_id: 'par_short1',
        race_id: race.race_id,
        user_id: null,
        display_name: 'Runner',
        registered_at: '2026-03-01T00:00:00Z',
      });
      const reply = await call('DELETE', `/races/${race.race_id}`, 'athlete');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: 'ok', message: 'Race deleted successfully' });
      expect(errorOf(await call('GET', `/races/${race.race_id}`))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'race_id' });
      expect(errorOf(await call('PUT', `/races/${race.race_id}`, 'athlete', { race_name: 'Back' }))).toMatchObject({ status: 404 });
      expect(errorOf(await call('DELETE', `/races/${race.race_id}`, 'athlete'))).toMatchObject({ status: 404 });
      // its name and date are free again, with a fresh leaderboard
      const again = await call('POST', '/races', 'athlete', { ...minimal, race_name: 'Short-lived Race' });
      expect(again.status).toBe(201);
      expect(again.body.data.participants_count).toBe(0);
    });
  });
});
