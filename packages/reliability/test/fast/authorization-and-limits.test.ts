// Object-level authorization, mass assignment, rate limits, session revocation and resource
// limits against the reference API: refused with the documented status and code, and the
// stored state byte-for-byte unchanged afterwards. On SQLite (a file) and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@astral/openapi/contract';
import { readOnlyPropertyNames } from '@astral/openapi/reader';
import {
  basePath,
  checkResponse,
  isOpen,
  operationIds,
  operationTable,
  propertiesOf,
  exampleBody,
  formatReproducer,
  parameters,
  permissionsOf,
  requestBodyLimitBytes,
  requestBodySchema,
  responseHeaders,
  type ApiRequest,
  type ApiResponse,
  type OperationId,
  takesFile,
} from '../../src/index.js';
import { admin, athlete, orgKey, otherAthlete, PASSWORD, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';
import { describeOnDatabases, laneDatabase } from '../support/lanes.js';
import { createTarget } from '../support/targets.js';

/** The lane's API (set by each lane's beforeAll; lanes run one after the other). */
let api: ReferenceApi;

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
async function expectResponse(request: ApiRequest, status: number, details?: { code: string; field?: string }): Promise<ApiResponse> {
  const response = await api.send(request);
  const problems = checkResponse(request, response, { secrets, expectStatus: [status] });
  const body = JSON.parse(response.body);
  if (details) {
    if (body.details?.code !== details.code) problems.push(`details.code ${body.details?.code}, expected ${details.code}`);
    if (details.field !== undefined && body.details?.field !== details.field)
      problems.push(`details.field ${body.details?.field}, expected ${details.field}`);
  }
  expect(problems, `${problems.join('\n')}\n${formatReproducer(request)}\n→ ${response.status} ${response.body}`).toEqual([]);
  return response;
}

/** {@link expectResponse}, resolving with the parsed body. */
async function expectAnswer(request: ApiRequest, status: number, details?: { code: string; field?: string }) {
  return JSON.parse((await expectResponse(request, status, details)).body);
}

/** A request to an operation of the table, path values filled in, with a JSON body when given. */
function call(
  operationId: OperationId,
  headers: Record<string, string>,
  options: { path?: Record<string, string>; body?: unknown; contentType?: string } = {},
): ApiRequest {
  const entry = operationTable[operationId];
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(options.path?.[name] ?? ''));
  const request: ApiRequest = { operationId, method: entry.method.toUpperCase(), url: `${basePath}${path}`, headers: { ...headers } };
  if (options.body instanceof Uint8Array) {
    request.headers['content-type'] = options.contentType!;
    request.body = options.body;
  } else if (options.body !== undefined) {
    request.headers['content-type'] = 'application/json';
    request.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return request;
}

/** Runs `attack` and proves the race reads back byte for byte as before. */
async function unchanged(raceId: string, attack: () => Promise<unknown>) {
  const before = await get(raceId);
  await attack();
  const after = await get(raceId);
  expect(after.status).toBe(200);
  expect(after.body).toBe(before.body);
}

describeOnDatabases('authorization and limits on $name', (lane) => {
  beforeAll(async () => {
    api = await startReferenceApi(lane.name === 'sqlite' ? {} : { databaseUrl: await laneDatabase(lane) });
  });
  afterAll(() => api?.close());

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
      name.endsWith('_count')
        ? 999
        : name.endsWith('_at')
          ? '2000-01-01T00:00:00Z'
          : name === 'created_by'
            ? 'usr_attacker'
            : 'race_forged';

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
      // Free text: no format or enum, and a pattern (the contract bounds every string) that 2-byte text meets.
      const text = (length: number) => 'é'.repeat(length);
      const fits = (value: string) => schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(value);
      if (types.includes('string') && schema.maxLength !== undefined && !schema.format && !schema.enum && fits(text(schema.maxLength))) {
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

  describe('users: a profile is read by its user or an admin, and changed by its user only', () => {
    const read = (userId: string, headers: Record<string, string>) => call('getUser', headers, { path: { user_id: userId } });
    const update = (userId: string, headers: Record<string, string>, body: unknown) =>
      call('updateUser', headers, { path: { user_id: userId }, body });

    it('another user and an admin get 403 FORBIDDEN on an update, and the profile reads back byte for byte', async () => {
      const owner = await api.signUp(`rel.owner${++tag}@example.com`, PASSWORD);
      const before = await expectResponse(read(owner.userId, owner.headers), 200);
      for (const stranger of [otherAthlete, admin]) {
        await expectAnswer(update(owner.userId, stranger, exampleBody('updateUser', `u${++tag}`)), 403, { code: 'FORBIDDEN' });
      }
      expect((await expectResponse(read(owner.userId, owner.headers), 200)).body).toBe(before.body);
    });

    it('the user themself may update it, and the change reads back', async () => {
      const owner = await api.signUp(`rel.self${++tag}@example.com`, PASSWORD);
      const change = exampleBody('updateUser', `s${++tag}`)!;
      const updated = await expectAnswer(update(owner.userId, owner.headers, change), 200);
      expect(updated.data.display_name).toBe(change.display_name);
      expect((await expectAnswer(read(owner.userId, owner.headers), 200)).data).toEqual(updated.data);
    });

    it('an admin may read it; anyone else gets the same 403 whether or not the user exists (no probing)', async () => {
      const owner = await api.signUp(`rel.read${++tag}@example.com`, PASSWORD);
      await expectAnswer(read(owner.userId, admin), 200);
      const existing = await expectResponse(read(owner.userId, otherAthlete), 403, { code: 'FORBIDDEN' });
      const unknown = await expectResponse(read('usr_doesnotexist0', otherAthlete), 403, { code: 'FORBIDDEN' });
      expect(unknown.body).toBe(existing.body);
      await expectAnswer(read('usr_doesnotexist0', admin), 404, { code: 'NOT_FOUND' });
    });

    it('its public profile is for any signed-in user; a valid API key is a 403 there (Bearer only)', async () => {
      const owner = await api.signUp(`rel.public${++tag}@example.com`, PASSWORD);
      const path = { user_id: owner.userId };
      await expectAnswer(call('getUserPublicProfile', otherAthlete, { path }), 200);
      await expectAnswer(call('getUserPublicProfile', orgKey, { path }), 403, { code: 'FORBIDDEN' });
    });

    // Every server-set field the update does not define, whatever its value: 400 naming it.
    const serverSet = [...readOnlyPropertyNames(contract)].filter((name) => !(name in propertiesOf(requestBodySchema('updateUser')!)));
    it.each([...serverSet, 'is_admin', 'role', 'password_hash'])(
      'an update carrying "%s" is refused 400 naming it, and the profile is unchanged',
      async (name) => {
        const owner = await api.signUp(`rel.mass${++tag}@example.com`, PASSWORD);
        const before = await expectResponse(read(owner.userId, owner.headers), 200);
        const body = { ...exampleBody('updateUser', `m${tag}`), [name]: name === 'roles' ? ['user', 'admin'] : 'forged' };
        await expectAnswer(update(owner.userId, owner.headers, body), 400, { code: 'VALIDATION_ERROR', field: name });
        expect((await expectResponse(read(owner.userId, owner.headers), 200)).body).toBe(before.body);
      },
    );
  });

  /** `name` of an answer's header, one string. */
  const headerOf = (response: ApiResponse, name: string) => [response.headers[name]].flat().join(', ');
  /** A number of a RateLimit field: `"verification";r=2;t=0` → r = 2. */
  const field = (value: string, key: string) => Number(new RegExp(`;${key}=(\\d+)`).exec(value)?.[1]);

  describe('rate limits', () => {
    // The open operations whose successes carry RateLimit-Policy and that document a 429: the
    // per-address email limits (request-verification, request-password-reset). A signed-in
    // caller's limit (createOrganizationMember's, per caller) is tested in apps/api and the
    // contract tests, where an organization and its manager are at hand.
    const limited = operationIds.filter(
      (id) =>
        isOpen(id) &&
        (operationTable[id].statuses as readonly number[]).includes(429) &&
        'ratelimit-policy' in responseHeaders(id, operationTable[id].successStatus),
    );

    it('finds the email limits in the contract', () => {
      expect(limited.length).toBeGreaterThanOrEqual(2);
    });

    it.each(limited)(
      '%s: the quota its RateLimit-Policy states per address, then 429 with Retry-After and nothing sent; another address unaffected',
      async (id) => {
        const headers = isOpen(id) ? {} : athlete;
        const body = exampleBody(id, `rl${++tag}`)!;
        const address = String(body.email);
        const first = await expectResponse(call(id, headers, { body }), operationTable[id].successStatus);
        const quota = field(headerOf(first, 'ratelimit-policy'), 'q');
        expect(quota).toBeGreaterThan(0);
        expect(field(headerOf(first, 'ratelimit'), 'r')).toBe(quota - 1);
        for (let sent = 2; sent <= quota; sent++) {
          const answer = await expectResponse(call(id, headers, { body }), operationTable[id].successStatus);
          expect(field(headerOf(answer, 'ratelimit'), 'r')).toBe(quota - sent);
        }
        const emailed = (await api.emailedTokens(address)).length;
        const refused = await expectResponse(call(id, headers, { body }), 429, { code: 'RATE_LIMITED' });
        expect(Number(headerOf(refused, 'retry-after'))).toBeGreaterThan(0);
        expect(field(headerOf(refused, 'ratelimit'), 'r')).toBe(0);
        expect((await api.emailedTokens(address)).length, 'the refused request sent an email').toBe(emailed);
        await expectResponse(call(id, headers, { body: exampleBody(id, `rl${++tag}`) }), operationTable[id].successStatus);
      },
    );

    it('login: after the quota of failed attempts for an address, 429 even with the right password; another address signs in', async () => {
      const account = await api.signUp(`rel.throttle${++tag}@example.com`, PASSWORD);
      const login = (email: string, password: string) => call('login', {}, { body: { email, password } });
      let failures = 0;
      let refused: ApiResponse | undefined;
      while (!refused && failures <= 20) {
        const answer = await api.send(login(account.email, 'Wrong-Password-1'));
        if (answer.status === 429) refused = answer;
        else {
          expect(answer.status).toBe(401);
          failures++;
        }
      }
      const quota = field(headerOf(refused!, 'ratelimit-policy'), 'q');
      expect(failures, 'failed attempts allowed before the 429').toBe(quota);
      await expectAnswer(login(account.email, PASSWORD), 429, { code: 'RATE_LIMITED' });
      const other = await api.signUp(`rel.throttle${++tag}@example.com`, PASSWORD);
      await expectAnswer(login(other.email, PASSWORD), 200);
    });
  });

  describe('revocation takes effect on the very next request', () => {
    const me = (headers: Record<string, string>) => call('getMe', headers);

    it('logout: the session token is refused at once, logging out again too', async () => {
      const account = await api.signUp(`rel.logout${++tag}@example.com`, PASSWORD);
      await expectAnswer(me(account.headers), 200);
      await expectAnswer(call('logout', account.headers), 200);
      await expectAnswer(me(account.headers), 401, { code: 'UNAUTHORIZED' });
      await expectAnswer(call('logout', account.headers), 401, { code: 'UNAUTHORIZED' });
    });

    it('refresh: the token used is refused at once, the new one works', async () => {
      const account = await api.signUp(`rel.refresh${++tag}@example.com`, PASSWORD);
      const refreshed = await expectAnswer(call('refreshToken', account.headers), 200);
      expect(refreshed.access_token).not.toBe(account.token);
      await expectAnswer(me(account.headers), 401, { code: 'UNAUTHORIZED' });
      await expectAnswer(call('refreshToken', account.headers), 401, { code: 'UNAUTHORIZED' });
      await expectAnswer(me({ authorization: `Bearer ${refreshed.access_token}` }), 200);
    });

    it('password reset: every session ends at once, the old password and the used token stop working', async () => {
      const account = await api.signUp(`rel.reset${++tag}@example.com`, PASSWORD);
      const second = await expectAnswer(call('login', {}, { body: { email: account.email, password: PASSWORD } }), 200);
      const sessions = [account.headers, { authorization: `Bearer ${second.access_token}` }];
      for (const headers of sessions) await expectAnswer(me(headers), 200);
      await expectAnswer(call('requestPasswordReset', {}, { body: { email: account.email } }), 200);
      const token = (await api.emailedTokens(account.email)).at(-1)!;
      const password = 'Long-Run-Sunday-7';
      await expectAnswer(call('resetPassword', {}, { body: { token, password } }), 200);
      for (const headers of sessions) await expectAnswer(me(headers), 401, { code: 'UNAUTHORIZED' });
      await expectAnswer(call('login', {}, { body: { email: account.email, password: PASSWORD } }), 401, { code: 'UNAUTHORIZED' });
      await expectAnswer(call('login', {}, { body: { email: account.email, password } }), 200);
      await expectAnswer(call('resetPassword', {}, { body: { token, password: 'Another-Pass-8' } }), 400, {
        code: 'INVALID_TOKEN',
        field: 'token',
      });
    });
  });

  describe('body limit on every operation that takes a body', () => {
    const withBody = operationIds.filter((id) => operationTable[id].hasBody);

    it('has operations that take a body, the API-wide limit on all but those that state their own', () => {
      expect(withBody.length).toBeGreaterThan(0);
      const ownLimit = withBody.filter((id) => operationTable[id].bodyLimitBytes !== requestBodyLimitBytes);
      expect(ownLimit.every((id) => takesFile(id))).toBe(true);
    });

    it.each(withBody)(`%s: a body over its limit is 413 PAYLOAD_TOO_LARGE, and no email goes out`, async (id) => {
      const limit = operationTable[id].bodyLimitBytes;
      const headers = isOpen(id) ? {} : athlete;
      // The size is refused before anything is looked up: an organization's operation needs no
      // target of its own (the athlete could not make one), its example path does.
      const path = permissionsOf(id)
        ? Object.fromEntries(
            parameters(id)
              .filter((p) => p.in === 'path')
              .map((p) => [p.name, String(p.example)]),
          )
        : await createTarget(api.send, id, athlete);
      if (takesFile(id)) {
        // A device file: bytes over the operation's own limit, as one of the media types it takes.
        const type = operationTable[id].requestContentTypes[0]!;
        await expectAnswer(call(id, headers, { path, body: new Uint8Array(limit + 1), contentType: type }), 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        return;
      }
      const body = exampleBody(id, `big${++tag}`)!;
      const padded = Object.keys(body).find((name) => typeof body[name] === 'string')!;
      const huge = { ...body, [padded]: 'x'.repeat(limit) };
      await expectAnswer(call(id, headers, { path, body: huge }), 413, { code: 'PAYLOAD_TOO_LARGE' });
      if (typeof body.email === 'string') expect(await api.emailedTokens(body.email)).toEqual([]);
    });
  });
});
