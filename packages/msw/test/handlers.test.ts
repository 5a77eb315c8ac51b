// The default handlers over plain fetch, as a page's or a test's code sees them: the
// contract's examples, the API's checks and error shape, Prefer, and typed overrides.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { loadContract } from '@astral/openapi/contract';
import { exampleRequest, examplesOf, jsonContent, responseOf } from '@astral/openapi/reader';
import { createAstralClient } from '@astral/client';
import { createHandlersFor, handle, respondWithExample, setupAstralServer } from '../src/node.js';

const server = setupAstralServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = 'http://127.0.0.1:4010/api/v1';
const athlete = { Authorization: 'Bearer dev-athlete-token' };
const json = { ...athlete, 'Content-Type': 'application/json' };
const contract = loadContract();

/** The contract's first example of an operation's response, read with the repository's reader. */
function firstExample(path: string, method: string, status: number): unknown {
  const operation = contract.paths[path]?.[method];
  return examplesOf(contract, jsonContent(contract, responseOf(contract, operation, status)))[0]?.value;
}

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${api}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('default answers', () => {
  it("answers the success response's first example, on any origin", async () => {
    expect(await call('/races/race_xyz456', { headers: athlete })).toEqual({
      status: 200,
      body: firstExample('/races/{race_id}', 'get', 200),
    });
    const other = await fetch('https://api.example.com/api/v1/auth/me', { headers: athlete });
    expect(await other.json()).toEqual(firstExample('/auth/me', 'get', 200));
  });

  it('answers a create with its 201 example', async () => {
    const { body } = exampleRequest(contract, { pathItem: contract.paths['/races'], operation: contract.paths['/races']!.post });
    const created = await call('/races', { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect(created).toEqual({ status: 201, body: firstExample('/races', 'post', 201) });
  });

  it('Prefer picks a documented status and a named example', async () => {
    const missing = await call('/races/race_xyz456', { headers: { ...athlete, Prefer: 'code=404' } });
    expect(missing).toEqual({ status: 404, body: firstExample('/races/{race_id}', 'get', 404) });
    const sparse = await call('/races/race_xyz456', { headers: { ...athlete, Prefer: 'example=sparseTrailRace' } });
    expect((sparse.body as { data: { race_description: unknown } }).data.race_description).toBeNull();
  });

  it('names what is missing when Prefer asks for an undocumented status or example', async () => {
    expect(await call('/races/race_xyz456', { headers: { ...athlete, Prefer: 'code=418' } })).toEqual({
      status: 500,
      body: { error: 'getRace documents no 418 response', details: { code: 'INTERNAL_ERROR' } },
    });
    const unknown = await call('/races/race_xyz456', { headers: { ...athlete, Prefer: 'example=noSuchRace' } });
    expect(unknown.status).toBe(500);
    expect((unknown.body as { error: string }).error).toMatch(/getRace 200 has no example noSuchRace \(documented: .*sparseTrailRace/);
  });
});

describe('event streams', () => {
  const plan = { weeks: 2, level: 'beginner', start_date: '2026-03-02', workout_days: ['tuesday'], refined_draft: 'Week 1 · base · 12 km' };

  it('answers a text/event-stream operation with its examples as Server-Sent Events, typed by their `type`', async () => {
    const response = await fetch(`${api}/ai-coach/generate-plan/stream`, { method: 'POST', headers: json, body: JSON.stringify(plan) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const blocks = (await response.text()).trim().split('\n\n');
    const events = blocks.map(
      (block) =>
        JSON.parse(
          block
            .split('\n')
            .find((line) => line.startsWith('data: '))!
            .slice(6),
        ) as { type: string },
    );
    const responseObject = responseOf(contract, contract.paths['/ai-coach/generate-plan/stream']?.post, 200) as {
      content: Record<string, object>;
    };
    expect(events).toEqual(examplesOf(contract, responseObject.content['text/event-stream']!).map((example) => example.value));
    expect(events.length).toBeGreaterThan(0);
    expect(blocks.every((block, index) => block.startsWith(`id: ${index}\nevent: ${events[index]!.type}\n`))).toBe(true);
  });

  it('checks the request before the stream, in the error shape', async () => {
    expect(
      await call('/ai-coach/generate-plan/stream', { method: 'POST', headers: json, body: JSON.stringify({ ...plan, weeks: 0 }) }),
    ).toMatchObject({
      status: 400,
      body: { details: { code: 'VALIDATION_ERROR', field: 'weeks' } },
    });
  });
});

describe('recursive plan blocks', () => {
  const step = { type: 'run', block_length_target: 'distance', block_distance_in_meters: 400, block_pace: 'z5' };
  const nested = (depth: number): object => (depth === 1 ? step : { type: 'interval', block_repeat: 2, blocks: [nested(depth - 1)] });
  const plan = (depth: number) =>
    JSON.stringify({
      training_plan_name: 'Deep',
      training_plan_type: 'run',
      level: 'basic',
      visibility: 'org',
      weeks: [{ week_number: 1, days: { tuesday: { workout_name: 'Ladder', workout_type: 'run', blocks: [nested(depth)] } } }],
    });

  it('accepts blocks as deep as the contract states and refuses one deeper with a 400 naming its path', async () => {
    expect((await call('/training/plans', { method: 'POST', headers: json, body: plan(3) })).status).toBe(201);
    expect(await call('/training/plans', { method: 'POST', headers: json, body: plan(4) })).toMatchObject({
      status: 400,
      body: { details: { code: 'VALIDATION_ERROR', field: 'weeks[0].days.tuesday.blocks[0].blocks[0].blocks[0].blocks[0]' } },
    });
  });
});

describe('the calendar feed', () => {
  const path = '/training/plan-instances/{plan_instance_id}/calendar.ics';
  const feed = () => {
    const responseObject = responseOf(contract, contract.paths[path]?.get, 200) as { content: Record<string, object> };
    return examplesOf(contract, responseObject.content['text/calendar']!)[0]?.value;
  };

  it('answers its text/calendar example as the document itself, and the client reads it as text', async () => {
    expect(typeof feed()).toBe('string');
    const response = await fetch(`${api}/training/plan-instances/pli_leospring/calendar.ics`, { headers: athlete });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await response.text()).toBe(feed());
    const client = createAstralClient({ baseUrl: api, token: 'dev-athlete-token' });
    expect(await client.trainingPlans.instanceCalendar('pli_leospring')).toBe(feed());
  });

  it('is read with the feed URL alone (feed_token, no headers) and only there; its URL is made, read back and revoked', async () => {
    const client = createAstralClient({ baseUrl: api, token: 'dev-athlete-token' });
    const made = await client.trainingPlans.createInstanceCalendarFeed('pli_leospring');
    expect(made.url).toMatch(/\/calendar\.ics\?feed_token=astral_cf_[0-9A-Za-z]{46}$/);
    const subscribed = await fetch(
      `${api}/training/plan-instances/pli_leospring/calendar.ics?feed_token=${new URL(made.url).searchParams.get('feed_token')}`,
    );
    expect(subscribed.status).toBe(200);
    expect(await subscribed.text()).toBe(feed());
    // The parameter is no credential on an operation that does not list its scheme.
    expect((await call('/training/plan-instances/pli_leospring?feed_token=astral_cf_x')).status).toBe(401);
    expect((await client.trainingPlans.instanceCalendarFeed('pli_leospring')).last_used_at).toEqual(expect.any(String));
    await expect(client.trainingPlans.revokeInstanceCalendarFeed('pli_leospring')).resolves.toBeUndefined();
  });

  it('checks the instance id first, in the error shape', async () => {
    expect(await call('/training/plan-instances/nope/calendar.ics', { headers: athlete })).toMatchObject({
      status: 400,
      body: { details: { code: 'VALIDATION_ERROR', field: 'plan_instance_id' } },
    });
  });
});

describe("the API's checks, in its error shape", () => {
  it('401 UNAUTHORIZED without credentials, where the operation needs them', async () => {
    const anonymous = await call('/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ details: { code: 'UNAUTHORIZED' } });
    expect((await call('/auth/me', { headers: { 'X-API-Key': 'dev-org-key' } })).status).toBe(200);
    // An open operation needs none.
    const login = await call('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'maya@example.com', password: 'Tempo-Run-2025' }),
    });
    expect(login.status).toBe(200);
  });

  it('400 VALIDATION_ERROR naming the query parameter, the path parameter, the body field', async () => {
    expect(await call('/races?limit=500', { headers: athlete })).toMatchObject({
      status: 400,
      body: { details: { code: 'VALIDATION_ERROR', field: 'limit' } },
    });
    expect(await call('/races?race_type=rowing', { headers: athlete })).toMatchObject({
      status: 400,
      body: { details: { field: 'race_type' } },
    });
    expect(await call('/races/not%20a%20race', { headers: athlete })).toMatchObject({
      status: 400,
      body: { details: { field: 'race_id' } },
    });
    const readOnly = await call('/races/race_xyz456', { method: 'PUT', headers: json, body: JSON.stringify({ race_id: 'race_other' }) });
    expect(readOnly).toEqual({
      status: 400,
      body: { error: 'race_id is set by the server and cannot be sent', details: { code: 'VALIDATION_ERROR', field: 'race_id' } },
    });
  });

  it('415, 400 INVALID_JSON and 413 for bodies that cannot be JSON', async () => {
    const text = await call('/auth/login', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' });
    expect(text).toMatchObject({ status: 415, body: { details: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    const broken = await call('/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":' });
    expect(broken).toMatchObject({ status: 400, body: { details: { code: 'INVALID_JSON' } } });
    const huge = await call('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge).toMatchObject({ status: 413, body: { details: { code: 'PAYLOAD_TOO_LARGE' } } });
  });
});

describe('overrides', () => {
  it('a typed handle() wins over the default and sees typed params and query', async () => {
    server.use(
      handle('getRace', ({ params, response }) =>
        response(404).json({ error: `No race ${params.race_id}`, details: { code: 'NOT_FOUND', field: 'race_id' } }),
      ),
    );
    expect(await call('/races/race_abc', { headers: athlete })).toEqual({
      status: 404,
      body: { error: 'No race race_abc', details: { code: 'NOT_FOUND', field: 'race_id' } },
    });
  });

  it('respondWithExample answers a documented response with its example', async () => {
    server.use(respondWithExample('listRaces', 500));
    expect(await call('/races', { headers: athlete })).toEqual({ status: 500, body: firstExample('/races', 'get', 500) });
  });
});

describe('derived from the document', () => {
  it('serves an operation the contract does not have yet, from a document that has it, with nothing written for it', async () => {
    const document = loadContract();
    document.paths['/shoes/{shoe_id}'] = {
      get: {
        operationId: 'getShoe',
        security: [],
        parameters: [{ name: 'shoe_id', in: 'path', required: true, schema: { type: 'string', pattern: '^shoe_[a-z0-9]+$' } }],
        responses: {
          '200': {
            description: 'A shoe',
            content: { 'application/json': { examples: { pegasus: { value: { shoe_id: 'shoe_1', km: 412 } } } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
        },
      },
    };
    const own = setupServer(...createHandlersFor(document, { baseUrl: 'http://shoes.test/api/v1' }));
    server.close();
    own.listen({ onUnhandledRequest: 'error' });
    try {
      expect(await (await fetch('http://shoes.test/api/v1/shoes/shoe_1')).json()).toEqual({ shoe_id: 'shoe_1', km: 412 });
      const bad = await fetch('http://shoes.test/api/v1/shoes/boot');
      expect([bad.status, await bad.json()]).toMatchObject([400, { details: { code: 'VALIDATION_ERROR', field: 'shoe_id' } }]);
    } finally {
      own.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  it('answers a deprecated operation with Deprecation and Sunset, and the client warns once', async () => {
    const document = loadContract();
    Object.assign(document.paths['/races/{race_id}']!.get, {
      deprecated: true,
      'x-astral-deprecated-at': '2027-01-01',
      'x-astral-sunset': '2027-06-30',
    });
    const own = setupServer(...createHandlersFor(document, { baseUrl: 'http://old.test/api/v1' }));
    server.close();
    own.listen({ onUnhandledRequest: 'error' });
    try {
      const response = await fetch('http://old.test/api/v1/races/race_xyz456', { headers: athlete });
      expect(response.status).toBe(200);
      expect(response.headers.get('deprecation')).toBe('@1798761600');
      expect(response.headers.get('sunset')).toBe('Wed, 30 Jun 2027 23:59:59 GMT');
      const other = await fetch('http://old.test/api/v1/races', { headers: athlete });
      expect(other.headers.get('deprecation')).toBeNull();

      const notices: unknown[] = [];
      const client = createAstralClient({
        baseUrl: 'http://old.test/api/v1',
        token: 'dev-athlete-token',
        onDeprecated: (notice) => notices.push(notice),
      });
      await client.races.get('race_xyz456');
      await client.races.get('race_xyz456');
      await client.races.list();
      expect(notices).toEqual([{ operation: 'GET /races/{race_id}', deprecation: '@1798761600', sunset: 'Wed, 30 Jun 2027 23:59:59 GMT' }]);
    } finally {
      own.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});

describe('a device file sent as itself (importActivity)', () => {
  const fit = new Uint8Array([0x0e, 0x20, 0xff, 0x00, 0x2e, 0x46, 0x49, 0x54]);

  it('answers the 201 example for each media type the contract lists, and the client sends it', async () => {
    const types = contract.paths['/activities/import']!.post.requestBody.content;
    expect(Object.keys(types).length).toBeGreaterThan(0);
    for (const type of Object.keys(types)) {
      const created = await call('/activities/import', { method: 'POST', headers: { ...athlete, 'Content-Type': type }, body: fit });
      expect(created).toEqual({ status: 201, body: firstExample('/activities/import', 'post', 201) });
    }
    const client = createAstralClient({ baseUrl: api, token: 'dev-athlete-token' });
    const imported = await client.activities.import({ data: fit, type: 'application/vnd.ant.fit' }, { activity_type: 'run' });
    expect(imported.activity_id).toMatch(/^act_/);
  });

  it('415 naming the media types for JSON, 413 over the operation limit, 400 for a bad query', async () => {
    const json415 = await call('/activities/import', { method: 'POST', headers: json, body: '{}' });
    expect(json415).toEqual({
      status: 415,
      body: {
        error: 'Content-Type must be one of application/gpx+xml, application/vnd.ant.fit',
        details: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' },
      },
    });
    const limit: number = contract.paths['/activities/import']!.post['x-astral-body-limit-bytes'];
    const huge = await call('/activities/import', {
      method: 'POST',
      headers: { ...athlete, 'Content-Type': 'application/gpx+xml' },
      body: new Uint8Array(limit + 1),
    });
    expect(huge).toMatchObject({ status: 413, body: { details: { code: 'PAYLOAD_TOO_LARGE' } } });
    const badType = await call('/activities/import?activity_type=yoga', {
      method: 'POST',
      headers: { ...athlete, 'Content-Type': 'application/gpx+xml' },
      body: fit,
    });
    expect(badType).toMatchObject({ status: 400, body: { details: { code: 'VALIDATION_ERROR', field: 'activity_type' } } });
  });
});
