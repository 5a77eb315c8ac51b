import { operationIds, operationTable } from '@astral/openapi';
import { describe, expect, test } from 'vitest';
import { AstralApiError, createAstralClient } from '../src/index.js';
import { baseUrl, fakeFetch, json, race } from './fake-fetch.js';

const listBody = {
  status: 'ok',
  data: [race],
  metadata: { total: 1, next_cursor: null, filters: { race_type: 'run', upcoming: true, limit: 10 } },
};

describe('resource calls are built from the operation table', () => {
  test('every operation of the contract has a call in both styles', () => {
    const client = createAstralClient({ baseUrl, fetch: fakeFetch() }) as unknown as Record<string, any>;
    expect(operationIds.length).toBeGreaterThan(0);
    for (const operationId of operationIds) {
      const { namespace, method } = operationTable[operationId].client;
      expect(typeof client[namespace]?.[method], `${operationId} → ${namespace}.${method}`).toBe('function');
      expect(typeof client['safe'][namespace]?.[method]).toBe('function');
    }
  });

  test('list sends the query and resolves to { data, metadata }', async () => {
    const fetch = fakeFetch(json(listBody));
    const client = createAstralClient({ baseUrl, token: 't', fetch });
    const result = await client.races.list({ race_type: 'run', upcoming: true, limit: 10 });
    expect(result).toEqual({ data: [race], metadata: listBody.metadata });
    const { url, method } = fetch.calls[0]!;
    expect(method).toBe('GET');
    expect(url.pathname).toBe('/api/v1/races');
    expect(Object.fromEntries(url.searchParams)).toEqual({ race_type: 'run', upcoming: 'true', limit: '10' });
  });

  test('get takes the race id positionally and resolves to the race itself', async () => {
    const fetch = fakeFetch(json({ status: 'ok', data: race }));
    const client = createAstralClient({ baseUrl, token: 't', fetch });
    expect(await client.races.get('race_xyz456')).toEqual(race);
    expect(fetch.calls[0]!.url.pathname).toBe('/api/v1/races/race_xyz456');
  });

  test('path parameters are percent-encoded', async () => {
    const fetch = fakeFetch(json({ status: 'ok', data: race }));
    await createAstralClient({ baseUrl, fetch }).races.get('race_a/b?c');
    expect(fetch.calls[0]!.url.pathname).toBe('/api/v1/races/race_a%2Fb%3Fc');
  });

  test('create posts the body and keeps race_id and message next to data', async () => {
    const created = { status: 'ok', race_id: race.race_id, message: 'Race created successfully', data: race };
    const fetch = fakeFetch(json(created, 201));
    const body = {
      race_name: 'Chicago Marathon',
      race_type: 'run',
      race_subtype: 'marathon',
      race_date: '2025-10-05T08:00:00Z',
      race_location: 'Chicago, IL, USA',
    } as const;
    const result = await createAstralClient({ baseUrl, token: 't', fetch }).races.create(body);
    expect(result).toEqual({ race_id: race.race_id, message: 'Race created successfully', data: race });
    expect(fetch.calls[0]!.method).toBe('POST');
    expect(JSON.parse(fetch.calls[0]!.body)).toEqual(body);
  });

  test('update puts the body to the race and resolves to { message, data }', async () => {
    const fetch = fakeFetch(json({ status: 'ok', message: 'Race updated successfully', data: race }));
    const result = await createAstralClient({ baseUrl, token: 't', fetch }).races.update('race_xyz456', { race_participant_count: 5 });
    expect(result).toEqual({ message: 'Race updated successfully', data: race });
    expect(fetch.calls[0]!.method).toBe('PUT');
    expect(fetch.calls[0]!.url.pathname).toBe('/api/v1/races/race_xyz456');
  });

  test('delete resolves to its message', async () => {
    const fetch = fakeFetch(json({ status: 'ok', message: 'Race deleted successfully' }));
    const result = await createAstralClient({ baseUrl, token: 't', fetch }).races.delete('race_xyz456');
    expect(result).toEqual({ message: 'Race deleted successfully' });
    expect(fetch.calls[0]!.method).toBe('DELETE');
  });

  test('auth/me is not enveloped in the contract, so the body is returned as it is', async () => {
    // A top-level `status` field of a non-enveloped body is data, not envelope: it stays.
    const profile = { principal_type: 'user', username: 'maya.runs', role: 'athlete', status: 'active' };
    const fetch = fakeFetch(json(profile));
    expect(await createAstralClient({ baseUrl, token: 't', fetch }).auth.me()).toEqual(profile);
  });

  test('unknown response fields are kept, not rejected', async () => {
    const fetch = fakeFetch(
      json({ status: 'ok', data: { ...race, weather: 'sunny' }, trace: 'x' }),
      json({ ...listBody, next_cursor: 'abc' }),
    );
    const client = createAstralClient({ baseUrl, fetch });
    expect(await client.races.get('race_xyz456')).toEqual({ ...race, weather: 'sunny' });
    expect(await client.races.list()).toEqual({ data: [race], metadata: listBody.metadata, next_cursor: 'abc' });
  });

  test('an undocumented success status is unwrapped the same way', async () => {
    const fetch = fakeFetch(json({ status: 'ok', data: race }, 203), () => new Response(null, { status: 204 }));
    const client = createAstralClient({ baseUrl, fetch });
    expect(await client.races.get('race_xyz456')).toEqual(race);
    expect(await client.races.delete('race_xyz456')).toBeUndefined();
  });

  test('a success body that is not JSON is an UNEXPECTED_RESPONSE error with the status', async () => {
    const fetch = fakeFetch(() => new Response('<html>proxy</html>', { status: 200, headers: { 'X-Request-Id': 'req_1' } }));
    const error = await createAstralClient({ baseUrl, fetch })
      .races.get('race_xyz456')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AstralApiError);
    expect(error).toMatchObject({ status: 200, code: 'UNEXPECTED_RESPONSE', requestId: 'req_1' });
  });

  test('the result style resolves to { data } on success', async () => {
    const fetch = fakeFetch(json({ status: 'ok', data: race }));
    const result = await createAstralClient({ baseUrl, fetch }).safe.races.get('race_xyz456');
    expect(result).toEqual({ data: race, error: undefined });
  });
});

describe('a file sent as itself (activities.import)', () => {
  test('sends the bytes unchanged with their media type, the query and an Idempotency-Key', async () => {
    const seen: { type: string | null; bytes: Uint8Array; url: URL; key: string | null }[] = [];
    const created = { status: 'ok', activity_id: 'act_1', message: 'Activity imported successfully', data: { activity_id: 'act_1' } };
    const fetch = async (request: Request) => {
      seen.push({
        type: request.headers.get('Content-Type'),
        bytes: new Uint8Array(await request.arrayBuffer()),
        url: new URL(request.url),
        key: request.headers.get('Idempotency-Key'),
      });
      return Response.json(created, { status: 201 });
    };
    const client = createAstralClient({ baseUrl, token: 't', fetch });
    const fit = new Uint8Array([0x0e, 0x20, 0xff, 0x00, 0x2e, 0x46, 0x49, 0x54]);
    const result = await client.activities.import({ data: fit, type: 'application/vnd.ant.fit' }, { user_id: 'usr_athlete1' });
    expect(result).toEqual({ activity_id: 'act_1', message: 'Activity imported successfully', data: created.data });
    const gpx = new Blob(['<gpx version="1.1"></gpx>']);
    await client.activities.import({ data: gpx, type: 'application/gpx+xml' });

    expect(seen.map(({ type }) => type)).toEqual(['application/vnd.ant.fit', 'application/gpx+xml']);
    expect([...seen[0]!.bytes]).toEqual([...fit]);
    expect(new TextDecoder().decode(seen[1]!.bytes)).toBe('<gpx version="1.1"></gpx>');
    expect(seen[0]!.url.pathname).toBe('/api/v1/activities/import');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ user_id: 'usr_athlete1' });
    expect(seen[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
  });
});
