// Type tests: run by `vitest --typecheck` (tsc), they fail the suite when a call accepts what
// the contract forbids or resolves to anything but the contract's own types.
import type { components, operations } from '@astral/openapi';
import { describe, expectTypeOf, test } from 'vitest';
import { AstralApiError, createAstralClient, type SafeResult } from '../src/index.js';

type Race = components['schemas']['Race'];
type RaceListMetadata = components['schemas']['RaceListMetadata'];
type UserProfile = components['schemas']['UserProfile'];
type RaceCreate = components['schemas']['RaceCreate'];
type RaceUpdate = components['schemas']['RaceUpdate'];

const client = createAstralClient({ baseUrl: 'http://127.0.0.1:4010/api/v1', token: 'dev-athlete-token' });

const newRace: RaceCreate = {
  race_name: 'Chicago Marathon',
  race_type: 'run',
  race_subtype: 'marathon',
  race_date: '2025-10-05T08:00:00Z',
  race_location: 'Chicago, IL, USA',
};

describe('namespaces and methods come from the operation table', () => {
  test('races, auth and users, with the verb as the method name', () => {
    expectTypeOf(client.races).toHaveProperty('list');
    expectTypeOf(client.races).toHaveProperty('get');
    expectTypeOf(client.races).toHaveProperty('create');
    expectTypeOf(client.races).toHaveProperty('update');
    expectTypeOf(client.races).toHaveProperty('delete');
    expectTypeOf(client.auth).toHaveProperty('me');
    expectTypeOf<keyof typeof client.races>().toEqualTypeOf<'list' | 'get' | 'create' | 'update' | 'delete'>();
    expectTypeOf<keyof typeof client.auth>().toEqualTypeOf<
      | 'me'
      | 'requestVerification'
      | 'verifyToken'
      | 'completeSignup'
      | 'login'
      | 'refreshToken'
      | 'logout'
      | 'requestPasswordReset'
      | 'resetPassword'
      | 'exchangeFirebaseToken'
    >();
    expectTypeOf<keyof typeof client.users>().toEqualTypeOf<'get' | 'update' | 'publicProfile'>();
  });
});

describe('unwrapped results keep the contract types', () => {
  test('list resolves to the typed races plus metadata', () => {
    expectTypeOf(client.races.list).returns.resolves.toEqualTypeOf<{ data: Race[]; metadata: RaceListMetadata }>();
  });
  test('get resolves to the race itself', () => {
    expectTypeOf(client.races.get).returns.resolves.toEqualTypeOf<Race>();
  });
  test('create and update keep their message (and race_id) next to the race', () => {
    expectTypeOf(client.races.create).returns.resolves.toEqualTypeOf<{ race_id: string; message: string; data: Race }>();
    expectTypeOf(client.races.update).returns.resolves.toEqualTypeOf<{ message: string; data: Race }>();
  });
  test('delete resolves to its message', () => {
    expectTypeOf(client.races.delete).returns.resolves.toEqualTypeOf<{ message: string }>();
  });
  test('auth answers at the top level: the profile, as the contract says', () => {
    expectTypeOf(client.auth.me).returns.resolves.toEqualTypeOf<UserProfile>();
  });
  test('the result style resolves to { data, error } with the same data type', () => {
    expectTypeOf(client.safe.races.get).returns.resolves.toEqualTypeOf<SafeResult<Race>>();
    expectTypeOf<SafeResult<Race>['error']>().toEqualTypeOf<AstralApiError | undefined>();
  });
  test('the raw client is openapi-fetch typed from paths', async () => {
    const { data } = await client.raw.GET('/races/{race_id}', { params: { path: { race_id: 'race_xyz456' } } });
    expectTypeOf(data).toEqualTypeOf<operations['getRace']['responses'][200]['content']['application/json'] | undefined>();
  });
});

describe('arguments are checked against the contract', () => {
  test('valid calls compile', () => {
    expectTypeOf(client.races.list).toBeCallableWith({ race_type: 'run', upcoming: true, limit: 10 });
    expectTypeOf(client.races.list).toBeCallableWith();
    expectTypeOf(client.races.get).toBeCallableWith('race_xyz456', { timeoutMs: 1000 });
    expectTypeOf(client.races.create).toBeCallableWith(newRace);
    expectTypeOf(client.races.update).toBeCallableWith('race_xyz456', { race_name: 'Renamed' });
    expectTypeOf(client.races.delete).toBeCallableWith('race_xyz456');
    expectTypeOf(client.auth.me).toBeCallableWith();
    expectTypeOf<Parameters<typeof client.races.update>[1]>().toEqualTypeOf<RaceUpdate>();
  });

  test('a device file is its bytes and one of the media types the contract lists', () => {
    expectTypeOf(client.activities.import).toBeCallableWith({ data: new Uint8Array(8), type: 'application/vnd.ant.fit' });
    expectTypeOf(client.activities.import).toBeCallableWith(
      { data: new Blob([]), type: 'application/gpx+xml' },
      { user_id: 'usr_athlete1' },
    );
    // @ts-expect-error JSON is not a media type importActivity takes
    void client.activities.import({ data: new Uint8Array(8), type: 'application/json' });
    // @ts-expect-error the file is required
    void client.activities.import();
  });

  test('a wrong query parameter is a compile error', () => {
    // @ts-expect-error `race_kind` is not a query parameter of listRaces
    void client.races.list({ race_kind: 'run' });
    // @ts-expect-error `limit` is a number
    void client.races.list({ limit: '10' });
  });

  test('a wrong enum value is a compile error', () => {
    // @ts-expect-error `sprint` is not a RaceType
    void client.races.list({ race_type: 'sprint' });
    // @ts-expect-error `sprint` is not a RaceType
    void client.races.create({ ...newRace, race_type: 'sprint' });
  });

  test('a missing required body field is a compile error', () => {
    const { race_date: _omitted, ...withoutDate } = newRace;
    // @ts-expect-error race_date is required by RaceCreate
    void client.races.create(withoutDate);
    // @ts-expect-error the body is required
    void client.races.create();
  });

  test('a missing or mistyped path parameter is a compile error', () => {
    // @ts-expect-error race_id is required
    void client.races.get();
    // @ts-expect-error race_id is a string
    void client.races.get(42);
    // @ts-expect-error server-set fields are not part of RaceUpdate
    void client.races.update('race_xyz456', { race_id: 'race_other' });
  });

  test('credentials are a token or an API key, not both', () => {
    // @ts-expect-error token and apiKey are exclusive
    createAstralClient({ baseUrl: 'http://localhost', token: 't', apiKey: 'k' });
    expectTypeOf(createAstralClient).toBeCallableWith({ baseUrl: 'http://localhost', apiKey: 'k' });
    expectTypeOf(createAstralClient).toBeCallableWith({ baseUrl: 'http://localhost', token: async () => 't' });
  });

  test('errors expose status, code, field and request id', () => {
    expectTypeOf<AstralApiError['status']>().toEqualTypeOf<number>();
    expectTypeOf<AstralApiError['field']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AstralApiError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<'VALIDATION_ERROR'>().toExtend<AstralApiError['code']>();
  });
});

describe('calendar feeds', () => {
  test("a feed's URL is made, read back (no secret) and revoked with the contract's types", () => {
    expectTypeOf(client.trainingPlans.createInstanceCalendarFeed('pli_leospring')).resolves.toEqualTypeOf<
      components['schemas']['CalendarFeedCreated']
    >();
    expectTypeOf(client.trainingPlans.instanceCalendarFeed('pli_leospring')).resolves.toEqualTypeOf<
      components['schemas']['CalendarFeed']
    >();
    expectTypeOf(client.trainingPlans.revokeInstanceCalendarFeed('pli_leospring')).resolves.toEqualTypeOf<undefined>();
    // @ts-expect-error the instance is required
    void client.trainingPlans.createInstanceCalendarFeed();
  });
});
