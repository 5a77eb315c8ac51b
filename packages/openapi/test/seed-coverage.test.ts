// Every parameter, field, enum value, default and status code stated by the seeds
// (shared/seeds: the overview and the Races API) is present in the bundled contract.
import { describe, expect, it } from 'vitest';
import { operationIds, operationTable, type OperationId } from '../src/index.js';
import { bundled, deref, developmentBundle } from './bundled.js';

const operation = (path: string, method: string) => bundled.paths[path][method];
const operationById = (operationId: string) =>
  Object.values<any>(bundled.paths)
    .flatMap((item) => Object.values<any>(item))
    .find((candidate) => candidate?.operationId === operationId);
const schema = (name: string) => bundled.components.schemas[name];
const propertiesOf = (node: any) => Object.keys(deref(node).properties);
const jsonSchemaOf = (op: any, status: string) => deref(deref(op.responses[status]).content['application/json'].schema);
const queryParameter = (name: string) =>
  operationById('listRaces')
    .parameters.map(deref)
    .find((p: any) => p.name === name && p.in === 'query');

const RACE_TYPES = ['run', 'bike', 'swim', 'triathlon', 'walk', 'hike'];
// The fields a client may send: the Race schema's properties that are not read-only, read
// from the contract so a new race field needs no line here.
const RACE_FIELDS = Object.entries<any>(schema('Race').properties)
  .filter(([, property]) => deref(property).readOnly !== true)
  .map(([name]) => name);

describe('overview seed', () => {
  it('serves under the production base URL; the development bundle adds the local servers', () => {
    expect(bundled.servers.map((server: any) => server.url)).toEqual(['https://app.nexrex.ai/api/v1']);
    const urls = developmentBundle.servers.map((server: any) => server.url);
    expect(urls).toContain('https://app.nexrex.ai/api/v1');
    expect(urls).toContain('http://127.0.0.1:4010/api/v1');
    expect(urls).toContain('http://127.0.0.1:3000/api/v1');
  });

  it('accepts a Bearer token on every protected operation, an X-API-Key where organizations act; only Auth operations are open', () => {
    const schemes = bundled.components.securitySchemes;
    expect(schemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.apiKeyAuth).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(Object.keys(bundled.paths).length).toBeGreaterThan(0);
    for (const item of Object.values<any>(bundled.paths)) {
      for (const op of Object.values<any>(item).filter((value) => value?.operationId)) {
        if (op.security.length === 0) expect(op.tags, `${op.operationId} is open`).toEqual(['Auth']);
        else expect(op.security[0], op.operationId).toEqual({ bearerAuth: [] });
        // The Users pages: "every users endpoint needs a valid Bearer token".
        if (op.tags[0] === 'Users') expect(op.security, op.operationId).toEqual([{ bearerAuth: [] }]);
        if (op.tags[0] === 'Races') expect(op.security, op.operationId).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
      }
    }
  });

  it('defines the error shape with the details.code vocabulary', () => {
    expect(schema('Error').required).toEqual(['error']);
    expect(Object.keys(schema('Error').properties)).toEqual(['error', 'details']);
    // existing_id: what a 409 found (DUPLICATE_IMPORT names the activity a file was imported as).
    expect(Object.keys(schema('ErrorDetails').properties)).toEqual(['code', 'field', 'existing_id']);
    expect(schema('ErrorCode').enum).toEqual(
      expect.arrayContaining(['VALIDATION_ERROR', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INTERNAL_ERROR']),
    );
    for (const code of schema('ErrorCode').enum) expect(bundled.info.description).toContain(`\`${code}\``);
  });

  it('has one shared response per documented error status, each in the error shape with an example', () => {
    const byStatus = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 500: 'InternalError' };
    for (const [status, name] of Object.entries(byStatus)) {
      const response = bundled.components.responses[name];
      expect(response, `${status} ${name}`).toBeDefined();
      expect(response.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
      for (const example of Object.values<any>(response.content['application/json'].examples)) {
        expect(schema('ErrorCode').enum).toContain(example.value.details.code);
      }
    }
  });

  it('wraps payloads in the {status: "ok"} envelope, except auth endpoints', () => {
    expect(schema('SuccessStatus').const).toBe('ok');
    // Every operation of the table, by its tag: the seed's rule, not a list of operations.
    const isAuth = (id: OperationId) => operationTable[id].tag === 'Auth';
    expect(operationIds.filter(isAuth)).not.toEqual([]);
    expect(operationIds.filter((id) => !isAuth(id))).not.toEqual([]);
    for (const id of operationIds) {
      const op = operationById(id);
      const status = Object.keys(op.responses).find((code) => code.startsWith('2'))!;
      // A document of its own (an event stream, an iCalendar feed) is no JSON payload to wrap; a 204 has no payload.
      const content = deref(op.responses[status]).content;
      if (content === undefined) expect(status, id).toBe('204');
      const media = Object.keys(content ?? {});
      if (content === undefined) continue;
      if (!media.includes('application/json')) expect(media, id).toSatisfy((m: string[]) => m.every((t) => t.startsWith('text/')));
      else if (isAuth(id)) expect(propertiesOf(jsonSchemaOf(op, status)), id).not.toContain('status');
      else expect(jsonSchemaOf(op, status).required, id).toContain('status');
    }
  });

  it('documents the conventions as sections of the description', () => {
    for (const section of [
      'Authentication',
      'Request format',
      'Response format',
      'Errors',
      'HTTP status codes',
      'Rate limiting',
      'Versioning',
      'Conventions',
      'Emails',
    ]) {
      expect(bundled.info.description).toMatch(new RegExp(`^# ${section}$`, 'm'));
    }
    expect(bundled.info.description).toContain('3 per email address per hour');
  });
});

describe('races seed: list races', () => {
  const list = () => operation('/races', 'get');

  it('is GET /races with every documented query parameter', () => {
    expect(list().operationId).toBe('listRaces');
    const names = list().parameters.map((p: any) => deref(p).name);
    expect(names).toEqual(['race_type', 'race_subtype', 'location', 'date_from', 'date_to', 'upcoming', 'search', 'limit', 'cursor']);
  });

  it('types each parameter as documented', () => {
    expect(deref(queryParameter('race_type').schema).enum).toEqual(RACE_TYPES);
    expect(queryParameter('race_subtype').schema.type).toBe('string');
    expect(queryParameter('location').description).toMatch(/partial, case-insensitive/);
    expect(queryParameter('date_from').schema).toMatchObject({ type: 'string', format: 'date-time' });
    expect(queryParameter('date_to').schema).toMatchObject({ type: 'string', format: 'date-time' });
    expect(queryParameter('upcoming').schema).toMatchObject({ type: 'boolean', default: false });
    expect(queryParameter('search').schema.type).toBe('string');
    expect(queryParameter('search').description).toMatch(/name or location/);
    expect(queryParameter('limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    // Optional paging: the shared Cursor parameter.
    expect(queryParameter('cursor')).toMatchObject({ required: false, schema: { type: 'string', maxLength: 512 } });
  });

  it('states the defaults: 50 races, 10 with upcoming, 20 with search', () => {
    expect(queryParameter('limit')['x-astral-default']).toBe(50);
    expect(queryParameter('limit')['x-astral-default-when']).toEqual({ upcoming: 10, search: 20 });
    expect(queryParameter('limit').description).toMatch(/Defaults to 50/);
    expect(queryParameter('upcoming').description).toMatch(/10 results/);
    expect(queryParameter('search').description).toMatch(/up to 20 results/);
  });

  it('answers status, data (races) and metadata.total, metadata.next_cursor and metadata.filters', () => {
    const body = jsonSchemaOf(list(), '200');
    expect(body.required).toEqual(['status', 'data', 'metadata']);
    expect(body.properties.data.items.$ref).toBe('#/components/schemas/Race');
    expect(propertiesOf(body.properties.metadata)).toEqual(['total', 'next_cursor', 'filters']);
    expect(deref(body.properties.metadata).properties.next_cursor.type).toEqual(['string', 'null']);
    // Every filter is echoed; the cursor is a position, not a filter.
    expect(propertiesOf(schema('RaceFilters'))).toEqual(expect.arrayContaining(names()));
    expect(propertiesOf(schema('RaceFilters'))).not.toContain('cursor');
    function names() {
      return list()
        .parameters.map((p: any) => deref(p).name)
        .filter((name: string) => name !== 'cursor');
    }
  });
});

describe('races seed: create, get, update, delete', () => {
  it('creates with POST /races: the required and optional fields with their rules', () => {
    const create = operation('/races', 'post');
    expect(create.operationId).toBe('createRace');
    const body = deref(create.requestBody.content['application/json'].schema);
    expect(body.required).toEqual(['race_name', 'race_type', 'race_subtype', 'race_date', 'race_location']);
    // The seed's fields, each in the Race schema and writable, the read-only ones left out.
    expect(RACE_FIELDS).toEqual(expect.arrayContaining(['race_name', 'race_description', 'race_variants', 'race_categories']));
    expect(RACE_FIELDS).not.toContain('race_id');
    expect(Object.keys(body.properties)).toEqual(RACE_FIELDS);
    expect(body.additionalProperties).toBe(false);
    const field = (name: string) => deref(body.properties[name]);
    expect(field('race_type').enum).toEqual(RACE_TYPES);
    expect(field('race_date').format).toBe('date-time');
    expect(field('race_participant_count')).toMatchObject({ minimum: 0 });
    expect(field('race_participant_count').type).toContain('integer');
    expect(field('race_website_url').format).toBe('uri');
    expect(field('race_image_url').format).toBe('uri');
    expect(field('race_timezone').description).toMatch(/IANA/);
    expect(field('race_variants')).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(field('race_categories')).toMatchObject({ type: 'array', items: { type: 'string' } });
  });

  it('answers create with 201: status, race_id, message and data', () => {
    const created = jsonSchemaOf(operation('/races', 'post'), '201');
    expect(created.required).toEqual(['status', 'race_id', 'message', 'data']);
  });

  it('gets GET /races/{race_id}: the full race with participants_count', () => {
    const get = operation('/races/{race_id}', 'get');
    expect(get.operationId).toBe('getRace');
    expect(deref(bundled.paths['/races/{race_id}'].parameters[0])).toMatchObject({ name: 'race_id', in: 'path', required: true });
    const race = schema('Race');
    expect(Object.keys(race.properties)).toContain('participants_count');
    for (const readOnly of ['race_id', 'participants_count', 'created_by', 'created_at', 'updated_at']) {
      expect(race.properties[readOnly].readOnly, readOnly).toBe(true);
    }
  });

  it('updates with a partial PUT: every field optional, same rules, empty body refused', () => {
    const update = operation('/races/{race_id}', 'put');
    expect(update.operationId).toBe('updateRace');
    const body = deref(update.requestBody.content['application/json'].schema);
    expect(body.required).toBeUndefined();
    expect(body.minProperties).toBe(1);
    expect(Object.keys(body.properties)).toEqual(RACE_FIELDS);
    const create = deref(operation('/races', 'post').requestBody.content['application/json'].schema);
    expect(body.properties).toEqual(create.properties);
    expect(jsonSchemaOf(update, '200').required).toEqual(['status', 'message', 'data']);
  });

  it('deletes with DELETE /races/{race_id}: status and message', () => {
    const remove = operation('/races/{race_id}', 'delete');
    expect(remove.operationId).toBe('deleteRace');
    expect(jsonSchemaOf(remove, '200').required).toEqual(['status', 'message']);
  });

  it('documents every status each operation can return', () => {
    // The overview's status table, applied to each operation of the table by what it does.
    const expected = (id: OperationId): string[] => {
      const { method, pathParams, queryParams, hasBody, idempotencyKey } = operationTable[id];
      const byId = pathParams.length > 0;
      const changesOne = byId && ['put', 'patch', 'delete'].includes(method);
      const statuses = [
        method === 'post' && !byId ? 201 : 200, // 201 Created: a resource created
        ...(byId || queryParams.length > 0 || hasBody ? [400] : []), // validation error or missing required field
        401, // every endpoint is protected (asserted above)
        ...(changesOne ? [403] : []), // authenticated but not allowed to change this resource
        ...(byId ? [404] : []), // the resource does not exist
        ...(hasBody ? [409] : []), // duplicate resource
        ...(hasBody ? [413, 415] : []), // JSON bodies only, within the size limit
        ...(idempotencyKey ? [422] : []), // an Idempotency-Key reused with another body
        500,
      ];
      return statuses.sort((a, b) => a - b).map(String);
    };
    // The seeded resources; accounts and users document their own (see accounts-seed tests).
    const seeded = operationIds.filter((id) => operationTable[id].tag === 'Races' || id === 'getMe');
    for (const id of seeded) {
      expect(Object.keys(operationById(id).responses), id).toEqual(expected(id));
    }
    // The rule above says what the seed pages say of the seeded operations (new ones need no line here).
    expect(Object.fromEntries(operationIds.map((id) => [id, expected(id)]))).toMatchObject({
      listRaces: ['200', '400', '401', '500'],
      createRace: ['201', '400', '401', '409', '413', '415', '422', '500'],
      getRace: ['200', '400', '401', '404', '500'],
      updateRace: ['200', '400', '401', '403', '404', '409', '413', '415', '500'],
      deleteRace: ['200', '400', '401', '403', '404', '500'],
      getMe: ['200', '401', '500'],
    });
  });

  it('has a named example for every response and request body', () => {
    expect(Object.keys(bundled.paths).length).toBeGreaterThan(0);
    for (const item of Object.values<any>(bundled.paths)) {
      for (const op of Object.values<any>(item).filter((value) => value?.operationId)) {
        const media = [
          // (A 204 has no content, so nothing to exemplify.)
          ...Object.values<any>(op.responses).flatMap((r) => Object.values<any>(deref(r).content ?? {})),
          // Every media type a body may be sent as (a device-file import takes GPX and FIT).
          ...(op.requestBody ? Object.values<any>(op.requestBody.content) : []),
        ];
        for (const entry of media) expect(Object.keys(entry.examples ?? {}).length, op.operationId).toBeGreaterThan(0);
      }
    }
  });
});

describe('overview seed: accounts, auth and users', () => {
  it('limits verification emails to 3 per address per hour, with a documented 429 and its headers', () => {
    const op = operationById('requestVerification');
    expect(op.description).toContain('at most 3 verification emails per email address per hour');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '409', '429']));
    expect(Object.keys(deref(op.responses['429']).headers)).toEqual(['Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id']);
    expect(Object.keys(deref(op.responses['200']).headers)).toEqual(['RateLimit', 'RateLimit-Policy', 'X-Request-Id']);
  });

  it('answers 409 when a username is taken, wherever one is chosen', () => {
    for (const id of ['completeSignup', 'updateUser']) {
      expect(Object.keys(operationById(id).responses), id).toContain('409');
      expect(operationById(id).description, id).toMatch(/409/);
    }
    expect(deref(schema('Username')).pattern).toBe('^[A-Za-z0-9_]{3,30}$');
  });

  it('covers the Users resource: profiles, preferences, privacy settings and training zones', () => {
    expect(propertiesOf(schema('User'))).toEqual(expect.arrayContaining(['preferences', 'privacy', 'notification_settings', 'zones']));
    expect(propertiesOf(schema('UserUpdate'))).toEqual(expect.arrayContaining(['preferences', 'privacy', 'zones']));
    expect(Object.keys(bundled.paths)).toEqual(expect.arrayContaining(['/users/{user_id}', '/users/{user_id}/public']));
  });
});
