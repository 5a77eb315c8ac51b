// Object-level authorization, mass assignment and resource limits against the reference
// API: refused with the documented status and code, and the stored state byte-for-byte
// unchanged afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@astral/openapi/contract';
import { readOnlyPropertyNames } from '@astral/openapi/reader';
import {
  basePath,
  checkResponse,
  exampleBody,
  formatReproducer,
  parameters,
  requestBodyLimitBytes,
  requestBodySchema,
  type ApiRequest,
  type OperationId,
} from '../../src/index.js';
import { admin, athlete, orgKey, otherAthlete, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';
import { createTarget } from '../support/targets.js';

let api: ReferenceApi;
beforeAll(async () => {
  api = await startReferenceApi();
});
afterAll(() => api.close());

let tag = 0;
const raceUrl = (raceId: string) => `${basePath}/races/${raceId}`;
const get = (raceId: string, headers = athlete) => api.send({ operationId: 'getRace', method: 'GET', url: raceUrl(raceId), headers });
const json = (operationId: OperationId, method: string, url: string, headers: Record<string, string>, body: unknown): ApiRequest => ({
  operationId,
  method,
  url,
  headers: { ...headers, 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Sends, checks against the contract and the expected status, and says how to reproduce a failure. */
async function expectAnswer(request: ApiRequest, status: number, details?: { code: string; field?: string }) {
  const response = await api.send(request);
  const problems = checkResponse(request, response, { secrets, expectStatus: [status] });
  const body = JSON.parse(response.body);
  if (details) {
    if (body.details?.code !== details.code) problems.push(`details.code ${body.details?.code}, expected ${details.code}`);
    if (details.field !== undefined && body.details?.field !== details.field)
      problems.push(`details.field ${body.details?.field}, expected ${details.field}`);
  }
  expect(problems, `${problems.join('\n')}\n${formatReproducer(request)}\n→ ${response.status} ${response.body}`).toEqual([]);
  return body;
}

/** Runs `attack` and proves the race reads back byte for byte as before. */
async function unchanged(raceId: string, attack: () => Promise<unknown>) {
  const before = await get(raceId);
  await attack();
  const after = await get(raceId);
  expect(after.status).toBe(200);
  expect(after.body).toBe(before.body);
}

describe('object-level authorization', () => {
  const strangers = [
    ['another athlete', otherAthlete, athlete],
    ["an organization's key on an athlete's race", orgKey, athlete],
    ["an athlete on an organization's race", athlete, orgKey],
  ] as const;

  it.each(strangers)('%s cannot update or delete it (403), and it is unchanged', async (_name, stranger, owner) => {
    const { race_id } = await createTarget(api.send, 'updateRace', owner);
    await unchanged(race_id!, async () => {
      await expectAnswer(json('updateRace', 'PUT', raceUrl(race_id!), stranger, exampleBody('updateRace', `s${++tag}`)), 403, {
        code: 'FORBIDDEN',
      });
      await expectAnswer({ operationId: 'deleteRace', method: 'DELETE', url: raceUrl(race_id!), headers: stranger }, 403, {
        code: 'FORBIDDEN',
      });
    });
  });

  it('the owner and an admin may update it; the admin may delete it', async () => {
    const { race_id } = await createTarget(api.send, 'updateRace', athlete);
    await expectAnswer(json('updateRace', 'PUT', raceUrl(race_id!), athlete, exampleBody('updateRace', 'o')), 200);
    await expectAnswer(json('updateRace', 'PUT', raceUrl(race_id!), admin, exampleBody('updateRace', 'a')), 200);
    await expectAnswer({ operationId: 'deleteRace', method: 'DELETE', url: raceUrl(race_id!), headers: admin }, 200);
    await expectAnswer({ operationId: 'getRace', method: 'GET', url: raceUrl(race_id!), headers: athlete }, 404, { code: 'NOT_FOUND' });
  });
});

describe('mass assignment', () => {
  // Every server-set field of the contract, plus names that were never fields.
  const forbidden = [...readOnlyPropertyNames(contract), 'is_admin', 'owner_id'];
  const forged = (name: string) =>
    name.endsWith('_count') ? 999 : name.endsWith('_at') ? '2000-01-01T00:00:00Z' : name === 'created_by' ? 'usr_attacker' : 'race_forged';

  it('names the server-set fields the contract marks readOnly', () => {
    expect(forbidden).toEqual(expect.arrayContaining(['race_id', 'created_at', 'participants_count']));
  });

  it.each(forbidden)('a create carrying "%s" is refused 400 naming it, and nothing is created', async (name) => {
    const body = { ...exampleBody('createRace', `ma${++tag}`), [name]: forged(name) };
    await expectAnswer(json('createRace', 'POST', `${basePath}/races`, athlete, body), 400, { code: 'VALIDATION_ERROR', field: name });
    const search = encodeURIComponent(String(body.race_name));
    const list = await api.send({ operationId: 'listRaces', method: 'GET', url: `${basePath}/races?search=${search}`, headers: athlete });
    expect(JSON.parse(list.body).data).toEqual([]);
  });

  it.each(forbidden)('an update carrying "%s" is refused 400 naming it, and the race is unchanged', async (name) => {
    const { race_id } = await createTarget(api.send, 'updateRace', athlete);
    await unchanged(race_id!, () =>
      expectAnswer(
        json('updateRace', 'PUT', raceUrl(race_id!), athlete, { ...exampleBody('updateRace', 'x'), [name]: forged(name) }),
        400,
        {
          code: 'VALIDATION_ERROR',
          field: name,
        },
      ),
    );
  });
});

describe('resource limits', () => {
  const limit = requestBodyLimitBytes;

  it(`a body over the documented limit (${limit} bytes) is 413 PAYLOAD_TOO_LARGE, on create and update`, async () => {
    const { race_id } = await createTarget(api.send, 'updateRace', athlete);
    const huge = JSON.stringify({ ...exampleBody('createRace', 'big'), race_description: 'x'.repeat(limit) });
    await expectAnswer(json('createRace', 'POST', `${basePath}/races`, athlete, huge), 413, { code: 'PAYLOAD_TOO_LARGE' });
    await unchanged(race_id!, () =>
      expectAnswer(json('updateRace', 'PUT', raceUrl(race_id!), athlete, huge), 413, { code: 'PAYLOAD_TOO_LARGE' }),
    );
  });

  // Every string and array field of the create body, at its contract limit and one past it.
  const body = requestBodySchema('createRace')!;
  type Bound = readonly [name: string, limit: string, atLimit: unknown, pastLimit: unknown];
  const bounded = Object.entries<any>(body.properties).flatMap(([name, schema]): Bound[] => {
    const types = [schema.type].flat();
    if (types.includes('array') && schema.maxItems !== undefined) {
      const item = 'i'.repeat(Math.min(schema.items?.maxLength ?? 10, 10));
      return [
        [
          name,
          `maxItems ${schema.maxItems}`,
          Array.from({ length: schema.maxItems }, (_, i) => `${item}${i}`.slice(-10)),
          Array.from({ length: schema.maxItems + 1 }, (_, i) => `${i}`),
        ],
      ];
    }
    if (types.includes('string') && schema.maxLength !== undefined && !schema.format && !schema.pattern && !schema.enum) {
      return [[name, `maxLength ${schema.maxLength}`, 'é'.repeat(schema.maxLength), 'é'.repeat(schema.maxLength + 1)]];
    }
    return [];
  });

  it('covers every bounded string and array field of the create body', () => {
    expect(bounded.map(([name]) => name)).toEqual(expect.arrayContaining(['race_name', 'race_description', 'race_variants']));
  });

  it.each(bounded)('%s (%s): at the limit 201, one past it 400 naming the field', async (name, _limit, atLimit, pastLimit) => {
    const ok = { ...exampleBody('createRace', `l${++tag}`), [name]: atLimit };
    const okBody = await expectAnswer(json('createRace', 'POST', `${basePath}/races`, athlete, ok), 201);
    expect(okBody.data[name]).toEqual(atLimit);
    const bad = { ...exampleBody('createRace', `l${++tag}`), [name]: pastLimit };
    await expectAnswer(json('createRace', 'POST', `${basePath}/races`, athlete, bad), 400, { code: 'VALIDATION_ERROR', field: name });
  });

  const limitParam = parameters('listRaces').find((p) => p.name === 'limit')!.schema;
  it(`limit=${limitParam.maximum} is served; limit=${limitParam.maximum + 1} is 400 on limit, as documented`, async () => {
    const at = await expectAnswer(
      { operationId: 'listRaces', method: 'GET', url: `${basePath}/races?limit=${limitParam.maximum}`, headers: athlete },
      200,
    );
    expect(at.data.length).toBeLessThanOrEqual(limitParam.maximum);
    await expectAnswer(
      { operationId: 'listRaces', method: 'GET', url: `${basePath}/races?limit=${limitParam.maximum + 1}`, headers: athlete },
      400,
      {
        code: 'VALIDATION_ERROR',
        field: 'limit',
      },
    );
  });

  it('deeply nested JSON within the size limit is a 400, not a crash', async () => {
    const depth = 200_000;
    const nested = `{"race_name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const response = await api.send(json('createRace', 'POST', `${basePath}/races`, athlete, nested));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).details.code).toMatch(/^(VALIDATION_ERROR|INVALID_JSON)$/);
  });
});
