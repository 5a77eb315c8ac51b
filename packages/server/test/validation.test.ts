// Request validation from the contract: each error class with its status, code and field.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { operationTable, requestBodyLimitBytes } from '@astral/openapi';
import { auth, buildApp } from './helpers.js';

const json = { ...auth, 'content-type': 'application/json' };
const newRace = {
  race_name: 'Berlin Marathon',
  race_type: 'run',
  race_subtype: 'marathon',
  race_date: '2025-09-21T07:15:00Z',
  race_location: 'Berlin, Germany',
};

let app: FastifyInstance;
const seen: { query?: unknown; sent?: unknown; body?: unknown } = {};

beforeAll(() => {
  ({ app } = buildApp({
    listRaces: ({ query, sentQuery }) => {
      seen.query = query;
      seen.sent = [...sentQuery].sort();
      return { status: 200, body: { status: 'ok', data: [], metadata: { total: 0, next_cursor: null, filters: { limit: query.limit } } } };
    },
  }));
});

async function expectError(request: InjectOptions, status: number, code: string, field?: string) {
  const response = await app.inject(request);
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json();
  expect(body.details).toEqual(field === undefined ? { code } : { code, field });
  expect(typeof body.error).toBe('string');
  expect(response.body).not.toMatch(/at .+\.(js|ts):\d+/);
  return body;
}

describe('path and query validation', () => {
  it('names an invalid path parameter', async () => {
    await expectError({ method: 'GET', url: '/api/v1/races/not-a-race', headers: auth }, 400, 'VALIDATION_ERROR', 'race_id');
    await expectError({ method: 'GET', url: `/api/v1/races/race_${'a'.repeat(300)}`, headers: auth }, 400, 'VALIDATION_ERROR', 'race_id');
  });

  it('names an invalid query parameter', async () => {
    const body = await expectError(
      { method: 'GET', url: '/api/v1/races?race_type=skate', headers: auth },
      400,
      'VALIDATION_ERROR',
      'race_type',
    );
    expect(body.error).toContain('run, bike, swim, triathlon, walk, hike');
    await expectError({ method: 'GET', url: '/api/v1/races?date_from=yesterday', headers: auth }, 400, 'VALIDATION_ERROR', 'date_from');
    await expectError({ method: 'GET', url: '/api/v1/races?upcoming=maybe', headers: auth }, 400, 'VALIDATION_ERROR', 'upcoming');
    await expectError({ method: 'GET', url: '/api/v1/races?limit=ten', headers: auth }, 400, 'VALIDATION_ERROR', 'limit');
    await expectError({ method: 'GET', url: '/api/v1/races?limit=0', headers: auth }, 400, 'VALIDATION_ERROR', 'limit');
    await expectError({ method: 'GET', url: '/api/v1/races?search=', headers: auth }, 400, 'VALIDATION_ERROR', 'search');
  });

  it('answers a limit above the maximum 400 on limit, not capped', async () => {
    await expectError({ method: 'GET', url: '/api/v1/races?limit=101', headers: auth }, 400, 'VALIDATION_ERROR', 'limit');
  });

  it('coerces query strings to the contract types', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/races?upcoming=true&limit=7&race_type=run', headers: auth });
    expect(seen.query).toEqual({ upcoming: true, limit: 7, race_type: 'run' });
  });

  it('applies the contract default and the contextual limit defaults', async () => {
    const { queryDefaults, contextualDefaults } = operationTable.listRaces;
    const cases: Array<[string, number]> = [
      ['', queryDefaults.limit],
      ['?upcoming=true', contextualDefaults.limit.upcoming],
      ['?upcoming=false', queryDefaults.limit],
      ['?search=marathon', contextualDefaults.limit.search],
      ['?search=marathon&upcoming=true', Math.min(contextualDefaults.limit.search, contextualDefaults.limit.upcoming)],
      ['?search=marathon&upcoming=true&limit=33', 33],
    ];
    for (const [query, limit] of cases) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/races${query}`, headers: auth });
      expect(response.statusCode).toBe(200);
      expect((seen.query as { limit: number }).limit, query).toBe(limit);
      expect((seen.query as { upcoming: boolean }).upcoming).toBe(query.includes('upcoming=true'));
    }
    // The numbers themselves are the contract's, read from the table above.
    expect([queryDefaults.limit, contextualDefaults.limit.upcoming, contextualDefaults.limit.search]).toEqual([50, 10, 20]);
  });

  it('rejects a repeated single-valued parameter, naming it', async () => {
    await expectError({ method: 'GET', url: '/api/v1/races?limit=5&limit=6', headers: auth }, 400, 'VALIDATION_ERROR', 'limit');
  });

  it('passes only declared query parameters to the handler', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/races?limit=5&debug=1', headers: auth });
    expect(seen.query).toEqual({ limit: 5, upcoming: false });
  });

  it('tells the handler which parameters the caller sent, apart from the defaults', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/races?search=berlin&race_type=run', headers: auth });
    expect(seen.query).toEqual({ search: 'berlin', race_type: 'run', upcoming: false, limit: 20 });
    expect(seen.sent).toEqual(['race_type', 'search']);
    await app.inject({ method: 'GET', url: '/api/v1/races?upcoming=false', headers: auth });
    expect(seen.sent).toEqual(['upcoming']);
  });
});

describe('body validation', () => {
  it('names a body field of the wrong type or out of range', async () => {
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, race_type: 'skate' } },
      400,
      'VALIDATION_ERROR',
      'race_type',
    );
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, race_participant_count: -5 } },
      400,
      'VALIDATION_ERROR',
      'race_participant_count',
    );
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, race_participant_count: 'many' } },
      400,
      'VALIDATION_ERROR',
      'race_participant_count',
    );
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, race_date: '2025-09-21' } },
      400,
      'VALIDATION_ERROR',
      'race_date',
    );
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, race_website_url: 'ftp://x.example' } },
      400,
      'VALIDATION_ERROR',
      'race_website_url',
    );
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, race_variants: ['5K', 7] } },
      400,
      'VALIDATION_ERROR',
      'race_variants[1]',
    );
  });

  it('names a missing required field', async () => {
    const { race_name: _omitted, ...withoutName } = newRace;
    const body = await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: withoutName },
      400,
      'VALIDATION_ERROR',
      'race_name',
    );
    expect(body.error).toBe('race_name is required');
  });

  it('rejects unknown and server-set (readOnly) fields, naming them', async () => {
    const unknown = await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, favourite: true } },
      400,
      'VALIDATION_ERROR',
      'favourite',
    );
    expect(unknown.error).toBe('favourite is not a known field');
    for (const field of ['race_id', 'participants_count', 'created_by', 'created_at', 'updated_at']) {
      const body = await expectError(
        { method: 'POST', url: '/api/v1/races', headers: json, payload: { ...newRace, [field]: 'x' } },
        400,
        'VALIDATION_ERROR',
        field,
      );
      expect(body.error).toBe(`${field} is set by the server and cannot be sent`);
    }
    await expectError(
      { method: 'PUT', url: '/api/v1/races/race_1', headers: json, payload: { race_id: 'race_2' } },
      400,
      'VALIDATION_ERROR',
      'race_id',
    );
    // The unknown field is named even when a required one is also missing.
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: { created_at: '2025-01-01T00:00:00Z' } },
      400,
      'VALIDATION_ERROR',
      'created_at',
    );
  });

  it('rejects an empty update, a non-object body and a missing body', async () => {
    await expectError({ method: 'PUT', url: '/api/v1/races/race_1', headers: json, payload: {} }, 400, 'VALIDATION_ERROR');
    await expectError({ method: 'POST', url: '/api/v1/races', headers: json, payload: '[1,2]' }, 400, 'VALIDATION_ERROR');
    await expectError({ method: 'POST', url: '/api/v1/races', headers: auth }, 400, 'VALIDATION_ERROR');
  });

  it('accepts a valid body, including nulls for optional fields', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/races',
      headers: json,
      payload: { ...newRace, race_image_url: null },
    });
    expect(response.statusCode).toBe(201);
    const charset = await app.inject({
      method: 'PUT',
      url: '/api/v1/races/race_1',
      headers: { ...auth, 'content-type': 'application/json; charset=utf-8' },
      payload: '{"race_image_url":null}',
    });
    expect(charset.statusCode).toBe(200);
  });
});

describe("validateRequests: false (the benchmark's switch)", () => {
  it('lets requests reach the handler unchecked, while auth and response checks stay on', async () => {
    const { app: unchecked } = buildApp({}, { validateRequests: false });
    const response = await unchecked.inject({ method: 'GET', url: '/api/v1/races?race_type=rowing&limit=500', headers: auth });
    expect(response.statusCode).toBe(200);
    const anonymous = await unchecked.inject({ method: 'GET', url: '/api/v1/races?race_type=rowing' });
    expect(anonymous.statusCode).toBe(401);
    await expectError({ method: 'GET', url: '/api/v1/races?race_type=rowing', headers: auth }, 400, 'VALIDATION_ERROR', 'race_type');
  });
});

describe('body transport errors', () => {
  it('answers malformed JSON 400 INVALID_JSON', async () => {
    await expectError({ method: 'POST', url: '/api/v1/races', headers: json, payload: '{"race_name": ' }, 400, 'INVALID_JSON');
    await expectError({ method: 'POST', url: '/api/v1/races', headers: json, payload: '' }, 400, 'INVALID_JSON');
  });

  it('ignores an empty JSON body where the operation takes none, and rejects prototype tricks', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/v1/races/race_1', headers: json });
    expect(response.statusCode).toBe(200);
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: json, payload: '{"__proto__": {"admin": true}}' },
      400,
      'VALIDATION_ERROR',
      '__proto__',
    );
    await expectError(
      { method: 'PUT', url: '/api/v1/races/race_1', headers: json, payload: '{"constructor": {"prototype": {}}}' },
      400,
      'VALIDATION_ERROR',
      'constructor',
    );
    await expectError({ method: 'POST', url: '/api/v1/races', headers: json, payload: 'null' }, 400, 'VALIDATION_ERROR');
  });

  it('answers a non-JSON content type 415', async () => {
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: { ...auth, 'content-type': 'text/plain' }, payload: JSON.stringify(newRace) },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectError(
      {
        method: 'PUT',
        url: '/api/v1/races/race_1',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'race_name=x',
      },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectError(
      { method: 'POST', url: '/api/v1/races', headers: { ...auth, 'content-type': 'application/xml' }, payload: '<race/>' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it("answers a body over the limit 413, by default the contract's (1 MiB)", async () => {
    expect(requestBodyLimitBytes).toBe(1_048_576);
    const big = JSON.stringify({ ...newRace, race_description: 'x'.repeat(requestBodyLimitBytes) });
    await expectError({ method: 'POST', url: '/api/v1/races', headers: json, payload: big }, 413, 'PAYLOAD_TOO_LARGE');
    const small = buildApp({}, { bodyLimit: 100 }).app;
    const response = await small.inject({ method: 'POST', url: '/api/v1/races', headers: json, payload: JSON.stringify(newRace) });
    expect(response.statusCode).toBe(413);
    expect(response.json().details).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
