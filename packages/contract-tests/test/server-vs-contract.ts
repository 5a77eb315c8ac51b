// (b) The reference API behind Prism's validating proxy (the sandbox), driven through every
// documented status: the API's own status, error code and field, zero response findings
// from Prism, and zero request findings on the requests meant to be valid.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call } from './support/sandbox.js';

let counter = 0;
/** A race body the API accepts, unique per call so tests never collide on the 409 rule. */
function newRace(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    race_name: `Contract Test Race ${Date.now()}-${counter}`,
    race_type: 'run',
    race_subtype: '10k',
    race_date: '2031-06-0' + ((counter % 9) + 1) + 'T08:00:00Z',
    race_location: 'Lisbon, Portugal',
    ...overrides,
  };
}

export function serverAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  describe('reference API behind the validating proxy', () => {
    let adminRace: string;
    beforeAll(async () => {
      const created = await call('POST', '/races', { as: 'admin', body: newRace({ race_name: 'Admin Owned Race' }) });
      adminRace = created.body.race_id;
    });

    describe('listRaces', () => {
      it('200: filters, search and the documented defaults', async () => {
        const all = await call('GET', '/races?race_type=run&limit=5');
        expectApi(all, 'listRaces', 200);
        expect(all.body.data.length).toBeLessThanOrEqual(5);
        expect(all.body.data.every((r: { race_type: string }) => r.race_type === 'run')).toBe(true);
        const upcoming = await call('GET', '/races?upcoming=true', { as: 'org' });
        expectApi(upcoming, 'listRaces', 200);
        expect(upcoming.body.metadata.filters.limit).toBe(10);
      });
      it('200: the next page through the cursor, and next_cursor null on the last', async () => {
        const first = await call('GET', '/races?race_type=run&limit=1');
        expectApi(first, 'listRaces', 200);
        expect(first.body.metadata.next_cursor).toEqual(expect.any(String));
        const second = await call('GET', `/races?race_type=run&limit=1&cursor=${first.body.metadata.next_cursor}`);
        expectApi(second, 'listRaces', 200);
        expect(second.body.data[0].race_id).not.toBe(first.body.data[0].race_id);
        expect(second.body.metadata.filters).toEqual({ race_type: 'run', limit: 1 });
        const whole = await call('GET', '/races?location=Atlantis');
        expectApi(whole, 'listRaces', 200);
        expect(whole.body.metadata.next_cursor).toBeNull();
      });
      it('400 on a cursor sent with other filters than those it was issued for', async () => {
        const first = await call('GET', '/races?race_type=run&limit=1');
        expectApi(await call('GET', `/races?race_type=bike&cursor=${first.body.metadata.next_cursor}`), 'listRaces', 400, {
          code: 'VALIDATION_ERROR',
          field: 'cursor',
          validRequest: true,
        });
      });
      it.each([
        ['cursor=not-a-cursor', 'cursor'],
        ['cursor=a%2Bb', 'cursor'],
        ['limit=500', 'limit'],
        ['limit=0', 'limit'],
        ['race_type=car', 'race_type'],
        ['date_from=yesterday', 'date_from'],
        ['date_from=2030-01-02T00:00:00Z&date_to=2030-01-01T00:00:00Z', 'date_to'],
      ])('400 on %s names %s', async (query, field) => {
        expectApi(await call('GET', `/races?${query}`), 'listRaces', 400, { code: 'VALIDATION_ERROR', field });
      });
      it('401 without credentials and with an unknown token', async () => {
        expectApi(await call('GET', '/races', { as: 'none' }), 'listRaces', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', '/races', { as: 'bad-token' }), 'listRaces', 401, { code: 'UNAUTHORIZED', validRequest: true });
      });
    });

    describe('createRace', () => {
      it('201, then 409 for the same name on the same date', async () => {
        const race = newRace();
        const created = await call('POST', '/races', { body: race });
        expectApi(created, 'createRace', 201);
        expect(created.body.data.created_by).toMatch(/^usr_/);
        const fetched = await call('GET', `/races/${created.body.race_id}`);
        expect(fetched.body.data.race_name).toBe(race.race_name);
        const duplicate = await call('POST', '/races', { body: { ...race, race_name: race.race_name.toUpperCase() } });
        expectApi(duplicate, 'createRace', 409, { code: 'CONFLICT', validRequest: true });
      });
      it.each([
        [
          'a missing required field',
          (() => {
            const { race_name: _, ...rest } = newRace();
            return rest;
          })(),
          'race_name',
        ],
        ['a wrong enum value', newRace({ race_type: 'car' }), 'race_type'],
        ['a bad date', newRace({ race_date: 'next tuesday' }), 'race_date'],
        ['a server-set field', newRace({ race_id: 'race_mine' }), 'race_id'],
        ['a wrong type', newRace({ race_participant_count: 'many' }), 'race_participant_count'],
      ])('400 on %s', async (_, body, field) => {
        expectApi(await call('POST', '/races', { body }), 'createRace', 400, { code: 'VALIDATION_ERROR', field });
      });
      it('400 INVALID_JSON on a body that is not JSON', async () => {
        expectApi(await call('POST', '/races', { body: '{"race_name": ' }), 'createRace', 400, { code: 'INVALID_JSON' });
      });
      it('401 without credentials', async () => {
        expectApi(await call('POST', '/races', { as: 'none', body: newRace() }), 'createRace', 401, { code: 'UNAUTHORIZED' });
      });
      it('413 on a body over 1 MiB', async () => {
        const body = newRace({ race_description: 'x'.repeat(1_100_000) });
        expectApi(await call('POST', '/races', { body }), 'createRace', 413, { code: 'PAYLOAD_TOO_LARGE' });
      });
      it('an Idempotency-Key retry replays the 201 (one race); the key with another body is a 422', async () => {
        const race = newRace();
        const headers = { 'Idempotency-Key': `ct-race-${Date.now()}` };
        const first = await call('POST', '/races', { body: race, headers });
        const retry = await call('POST', '/races', { body: race, headers });
        expectApi(retry, 'createRace', 201);
        expect(retry.body.race_id).toBe(first.body.race_id);
        const found = await call('GET', `/races?search=${encodeURIComponent(race.race_name)}`);
        expect(found.body.data).toHaveLength(1);
        expectApi(await call('POST', '/races', { body: newRace(), headers }), 'createRace', 422, {
          code: 'IDEMPOTENCY_KEY_REUSED',
          validRequest: true,
        });
      });
      it('415 on a body that is not application/json', async () => {
        const observed = await call('POST', '/races', { body: 'race_name=x', contentType: 'text/plain' });
        expectApi(observed, 'createRace', 415, { code: 'UNSUPPORTED_MEDIA_TYPE' });
      });
    });

    describe('getRace', () => {
      it('200 for a seeded race, 404 for a missing one', async () => {
        const list = await call('GET', '/races?limit=1');
        const id = list.body.data[0].race_id as string;
        const one = await call('GET', `/races/${id}`, { as: 'org' });
        expectApi(one, 'getRace', 200);
        expect(one.body.data.race_id).toBe(id);
        expectApi(await call('GET', '/races/race_doesnotexist'), 'getRace', 404, { code: 'NOT_FOUND', validRequest: true });
      });
      it('400 on a malformed id, 401 without credentials', async () => {
        expectApi(await call('GET', '/races/not-a-race'), 'getRace', 400, { code: 'VALIDATION_ERROR', field: 'race_id' });
        expectApi(await call('GET', '/races/race_abc', { as: 'none' }), 'getRace', 401, { code: 'UNAUTHORIZED' });
      });
    });

    describe('updateRace', () => {
      it('200 for the creator, and the change is kept', async () => {
        const created = await call('POST', '/races', { body: newRace() });
        const updated = await call('PUT', `/races/${created.body.race_id}`, {
          body: { race_participant_count: 1234, race_image_url: null },
        });
        expectApi(updated, 'updateRace', 200);
        expect(updated.body.data.race_participant_count).toBe(1234);
        const admin = await call('PUT', `/races/${created.body.race_id}`, { as: 'admin', body: { race_location: 'Porto, Portugal' } });
        expectApi(admin, 'updateRace', 200);
      });
      it('400 on an empty body, a bad field and a malformed id', async () => {
        expectApi(await call('PUT', `/races/${adminRace}`, { as: 'admin', body: {} }), 'updateRace', 400, { code: 'VALIDATION_ERROR' });
        expectApi(await call('PUT', `/races/${adminRace}`, { as: 'admin', body: { race_type: 'car' } }), 'updateRace', 400, {
          code: 'VALIDATION_ERROR',
          field: 'race_type',
        });
        expectApi(await call('PUT', '/races/bad', { body: { race_participant_count: 1 } }), 'updateRace', 400, {
          code: 'VALIDATION_ERROR',
          field: 'race_id',
        });
      });
      it('401, 403 for someone else’s race, 404 for a missing one', async () => {
        expectApi(await call('PUT', `/races/${adminRace}`, { as: 'none', body: { race_participant_count: 1 } }), 'updateRace', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('PUT', `/races/${adminRace}`, { body: { race_participant_count: 1 } }), 'updateRace', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('PUT', '/races/race_doesnotexist', { body: { race_participant_count: 1 } }), 'updateRace', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
      });
      it('409 when moved onto another race’s name and date', async () => {
        const first = newRace();
        await call('POST', '/races', { body: first });
        const second = await call('POST', '/races', { body: newRace() });
        const moved = await call('PUT', `/races/${second.body.race_id}`, {
          body: { race_name: first.race_name, race_date: first.race_date },
        });
        expectApi(moved, 'updateRace', 409, { code: 'CONFLICT', validRequest: true });
      });
      it('413 over 1 MiB, 415 for another media type', async () => {
        expectApi(
          await call('PUT', `/races/${adminRace}`, { as: 'admin', body: { race_description: 'x'.repeat(1_100_000) } }),
          'updateRace',
          413,
          { code: 'PAYLOAD_TOO_LARGE' },
        );
        expectApi(await call('PUT', `/races/${adminRace}`, { as: 'admin', body: 'x', contentType: 'text/plain' }), 'updateRace', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });
    });

    describe('deleteRace', () => {
      it('200 for the creator, then the race is gone (404)', async () => {
        const created = await call('POST', '/races', { body: newRace() });
        expectApi(await call('DELETE', `/races/${created.body.race_id}`), 'deleteRace', 200);
        expectApi(await call('DELETE', `/races/${created.body.race_id}`), 'deleteRace', 404, { code: 'NOT_FOUND', validRequest: true });
        expectApi(await call('GET', `/races/${created.body.race_id}`), 'getRace', 404, { code: 'NOT_FOUND', validRequest: true });
      });
      it('400 on a malformed id, 401 without credentials, 403 for someone else’s race', async () => {
        expectApi(await call('DELETE', '/races/bad'), 'deleteRace', 400, { code: 'VALIDATION_ERROR', field: 'race_id' });
        expectApi(await call('DELETE', `/races/${adminRace}`, { as: 'none' }), 'deleteRace', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('DELETE', `/races/${adminRace}`, { as: 'org' }), 'deleteRace', 403, { code: 'FORBIDDEN', validRequest: true });
        const still = await call('GET', `/races/${adminRace}`);
        expect(still.status).toBe(200);
      });
    });

    describe('getMe', () => {
      it('200 for a user token and for an organization key', async () => {
        const user = await call('GET', '/auth/me');
        expectApi(user, 'getMe', 200);
        expect(user.body.principal_type).toBe('user');
        const org = await call('GET', '/auth/me', { as: 'org' });
        expectApi(org, 'getMe', 200);
        expect(org.body.principal_type).toBe('organization');
      });
      it('401 without credentials and with an unknown token', async () => {
        expectApi(await call('GET', '/auth/me', { as: 'none' }), 'getMe', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', '/auth/me', { as: 'bad-token' }), 'getMe', 401, { code: 'UNAUTHORIZED', validRequest: true });
      });
    });
  });
}
