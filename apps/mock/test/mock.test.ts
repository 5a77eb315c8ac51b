import { contract } from '@astral/openapi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../src/mock.js';
import type { RunningServer } from '../src/running-server.js';

let mock: RunningServer;
const lines: string[] = [];
const key = { 'X-API-Key': 'any-key' };
const json = { ...key, 'Content-Type': 'application/json' };

beforeAll(async () => {
  mock = await startMock({ port: 0, log: (line) => lines.push(line) });
});
afterAll(async () => {
  await mock.close();
});

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(`${mock.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('the mock', () => {
  it('serves the contract under /api/v1 and answers from its examples', async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const res = await call('/races', { headers: key });
    expect(res.status).toBe(200);
    expect(res.body.data[0].race_id).toBe('race_xyz456');
    expect(res.headers.get('sl-violations')).toBeNull();
  });

  it("sends the reference API's security headers, which Prism alone would not", async () => {
    for (const res of [await call('/races', { headers: key }), await call('/races')]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('answers a path outside the base path 404 in the error shape', async () => {
    const res = await fetch(mock.url.replace('/api/v1', '/races'), { headers: key });
    expect(res.status).toBe(404);
    expect((await res.json()).details.code).toBe('NOT_FOUND');
  });

  it('answers a request without credentials 401 UNAUTHORIZED', async () => {
    const res = await call('/races');
    expect(res.status).toBe(401);
    expect(res.body.details.code).toBe('UNAUTHORIZED');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it.each([
    ['/races?limit=500', {}, 'limit'],
    ['/races?race_type=car', {}, 'race_type'],
    ['/races/not-a-race-id', {}, 'race_id'],
    ['/races', { method: 'POST', body: '{}' }, 'race_name'],
    [
      '/races',
      {
        method: 'POST',
        body: JSON.stringify({ race_name: 'x', race_type: 'run', race_subtype: 'm', race_date: 'soon', race_location: 'y' }),
      },
      'race_date',
    ],
    ['/races/race_abc', { method: 'PUT', body: '{"race_id":"race_other"}' }, 'race_id'],
    ['/races/race_abc', { method: 'PUT', body: '{"race_variants":[1]}' }, 'race_variants[0]'],
  ] as const)('answers an invalid request (%s) 400 VALIDATION_ERROR naming the field', async (path, init, field) => {
    const res = await call(path, { ...init, headers: json });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual({ code: 'VALIDATION_ERROR', field });
    expect(typeof res.body.error).toBe('string');
    expect(res.headers.get('sl-violations')).toContain('request');
  });

  it('answers an unparseable body 400 INVALID_JSON, another media type 415', async () => {
    const invalid = await call('/races', { method: 'POST', headers: json, body: '{"race_name":' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.code).toBe('INVALID_JSON');
    const text = await call('/races', { method: 'POST', headers: { ...key, 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
    expect(text.body.details).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' });
  });

  it('keeps Prefer: code and Prefer: example, and Prism’s own 404 for an undeclared code', async () => {
    const notFound = await call('/races/race_abc', { headers: { ...key, Prefer: 'code=404' } });
    expect(notFound.status).toBe(404);
    expect(notFound.body.details.code).toBe('NOT_FOUND');
    const sparse = await call('/races/race_abc', { headers: { ...key, Prefer: 'example=sparseTrailRace' } });
    expect(sparse.body.data.race_id).toBe('race_utmb2026');
    const undeclared = await call('/races/race_abc', { headers: { ...key, Prefer: 'code=418' } });
    expect(undeclared.status).toBe(404);
    expect(undeclared.headers.get('content-type')).toContain('problem+json');
  });

  it('refuses a plan block nested past the contract’s depth with a 400 naming its path, as the API does', async () => {
    const step = { type: 'run', block_length_target: 'distance', block_distance_in_meters: 400, block_pace: 'z5' };
    const nested = (depth: number): object => (depth === 1 ? step : { type: 'interval', block_repeat: 2, blocks: [nested(depth - 1)] });
    const plan = (depth: number) => ({
      training_plan_name: 'Deep',
      training_plan_type: 'run',
      level: 'basic',
      visibility: 'org',
      weeks: [{ week_number: 1, days: { tuesday: { workout_name: 'Ladder', workout_type: 'run', blocks: [nested(depth)] } } }],
    });
    const deepest = await call('/training/plans', { method: 'POST', headers: json, body: JSON.stringify(plan(3)) });
    expect(deepest.status).toBe(201);
    const tooDeep = await call('/training/plans', { method: 'POST', headers: json, body: JSON.stringify(plan(4)) });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.details).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'weeks[0].days.tuesday.blocks[0].blocks[0].blocks[0].blocks[0]',
    });
  });

  it('keeps CORS open for browser apps', async () => {
    const res = await fetch(`${mock.url}/races`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('reads the calendar feed with feed_token alone, as Prism checks an in: query key (present, any value), and never logs its value', async () => {
    const path = '/training/plan-instances/pli_leospring/calendar.ics';
    const token = 'astral_cf_Kp3DkWv7N2xQa9RtLm4ZbH8sYc6EjGu1FoTn5Vi00zuLv3';
    const res = await fetch(`${mock.url}${path}?feed_token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.text()).startsWith('BEGIN:VCALENDAR')).toBe(true);
    // Only where the operation lists the scheme: elsewhere the parameter is no credential.
    expect((await call(`/training/plan-instances/pli_leospring?feed_token=${token}`)).status).toBe(401);
    expect(lines.some((line) => line.includes(`GET /api/v1${path}?feed_token=[redacted] -> 200`))).toBe(true);
    expect(lines.join('\n')).not.toContain(token);
  });

  it('logs each request and each finding', () => {
    expect(lines.some((line) => line.includes('GET /api/v1/races?limit=500 -> 400'))).toBe(true);
    expect(lines.some((line) => line.includes('request.query.limit maximum'))).toBe(true);
  });
});

describe('wrong method', () => {
  it('answers 405 in the error shape with the Allow header the contract gives', async () => {
    const res = await fetch(`${mock.url}/races/race_xyz456`, { method: 'PATCH', headers: json, body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('DELETE, GET, PUT');
    expect((await res.json()).details).toEqual({ code: 'METHOD_NOT_ALLOWED' });
  });
});

describe('the dynamic switch', () => {
  it('generates responses of the right shape instead of the examples', async () => {
    const dynamic = await startMock({ port: 0, dynamic: true, log: () => {} });
    try {
      const res = await fetch(`${dynamic.url}/races/race_abc`, { headers: key });
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.status).toBe('ok');
      expect(typeof body.data.race_name).toBe('string');
      expect(body.data.race_id).not.toBe('race_xyz456');
      // Only the contract's fields: no invented ones a frontend could come to rely on.
      expect(Object.keys(body).sort()).toEqual(['data', 'status']);
      expect(Object.keys(body.data).sort()).toEqual(Object.keys(contract.components['schemas']?.['Race']?.properties ?? {}).sort());
      expect(res.headers.get('sl-violations')).toBeNull();
    } finally {
      await dynamic.close();
    }
  });
});

describe('device files (importActivity)', () => {
  const file = (type: string, body: Uint8Array) =>
    call('/activities/import', {
      method: 'POST',
      headers: { ...key, 'Content-Type': type },
      body: new Blob([body as Uint8Array<ArrayBuffer>]),
    });

  it("answers each media type the contract lists with its 201 example, up to the operation's own limit", async () => {
    const operation = contract.paths['/activities/import']!.post;
    const types = Object.keys(operation.requestBody.content);
    expect(types.length).toBeGreaterThan(0);
    // Over Prism's own 10 MB and the API's 1 MiB, under this operation's 32 MiB.
    const large = new Uint8Array(12 * 1024 * 1024).fill(0x20);
    for (const type of types) {
      for (const body of [new Uint8Array([0x0e, 0x20, 0xff, 0x00]), large]) {
        const res = await file(type, body);
        expect(res.status).toBe(201);
        expect(res.body.activity_id).toBe(operation.responses['201'].content['application/json'].examples.imported.value.activity_id);
      }
    }
    const over = await file(types[0]!, new Uint8Array(operation['x-astral-body-limit-bytes'] + 1));
    expect(over).toMatchObject({ status: 413, body: { details: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('answers JSON 415 in the error shape, naming the media types', async () => {
    const res = await call('/activities/import', { method: 'POST', headers: json, body: '{}' });
    expect(res.status).toBe(415);
    expect(res.body.details).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' });
    expect(res.body.error).toContain('application/vnd.ant.fit');
  });
});
