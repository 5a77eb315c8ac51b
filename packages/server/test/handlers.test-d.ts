// Type tests: the handler map is derived from the contract, so these mistakes do not compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '@astral/openapi';
import {
  apiError,
  createAstralServer,
  createStubHandlers,
  type Handler,
  type HandlerContext,
  type HandlerResult,
  type Handlers,
  type HandlersForTag,
  type OperationsOfTag,
} from '../src/index.js';

type Principal = { id: string };
type Race = components['schemas']['Race'];
declare const race: Race;
const authenticate = () => ({ id: 'usr_1' });

describe('the handler map', () => {
  it('requires one handler per operationId', () => {
    const { getRace: _dropped, ...incomplete } = createStubHandlers<Principal>();
    // @ts-expect-error getRace is missing
    createAstralServer<Principal>({ handlers: incomplete, authenticate });
    // @ts-expect-error getRace is missing
    const missing: Handlers<Principal> = incomplete;
    expectTypeOf(missing).toEqualTypeOf<Handlers<Principal>>();
  });

  it('rejects a body off the schema', () => {
    // @ts-expect-error data must be a Race, not a string
    const wrongData: Handler<'getRace', Principal> = async () => ({ status: 200, body: { status: 'ok', data: 'race' } });
    // @ts-expect-error the envelope needs status: "ok"
    const noEnvelope: Handler<'getRace', Principal> = async () => ({ status: 200, body: race });
    // @ts-expect-error createRace answers 201 with race_id and message
    const incompleteCreated: Handler<'createRace', Principal> = async () => ({ status: 201, body: { status: 'ok', data: race } });
    expectTypeOf(wrongData).toBeFunction();
    expectTypeOf(noEnvelope).toBeFunction();
    expectTypeOf(incompleteCreated).toBeFunction();
  });

  it('rejects an undocumented status', () => {
    // @ts-expect-error getRace documents no 201
    const created: Handler<'getRace', Principal> = async () => ({ status: 201, body: { status: 'ok', data: race } });
    // @ts-expect-error getMe documents no 404
    const notFound: Handler<'getMe', Principal> = async () => apiError(404, 'NOT_FOUND', { message: 'nope' });
    // @ts-expect-error "GONE" is not in the ErrorCode vocabulary
    const badCode: Handler<'getRace', Principal> = async () => apiError(404, 'GONE', { message: 'nope' });
    expectTypeOf(created).toBeFunction();
    expectTypeOf(notFound).toBeFunction();
    expectTypeOf(badCode).toBeFunction();
  });

  it('accepts documented results, including apiError for a documented status', () => {
    const handlers = createStubHandlers<Principal>();
    handlers.getRace = async ({ params }) => {
      if (params.race_id === 'race_missing') return apiError(404, 'NOT_FOUND', { message: 'Race not found', field: 'race_id' });
      return { status: 200, body: { status: 'ok', data: race }, headers: { 'cache-control': 'no-store' } };
    };
    handlers.deleteRace = () => ({ status: 200, body: { status: 'ok', message: 'Race deleted successfully' } });
    expectTypeOf<HandlerResult<'getRace'>['status']>().toEqualTypeOf<200 | 400 | 401 | 404 | 500>();
  });
});

describe('handler inputs', () => {
  it('types path parameters, the defaulted query, the body and the principal', () => {
    type List = HandlerContext<'listRaces', Principal>;
    expectTypeOf<List['query']['limit']>().toEqualTypeOf<number>();
    expectTypeOf<List['query']['upcoming']>().toEqualTypeOf<boolean>();
    expectTypeOf<List['query']['search']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<List['query']['race_type']>().toEqualTypeOf<components['schemas']['RaceType'] | undefined>();
    expectTypeOf<List['body']>().toEqualTypeOf<undefined>();

    type Get = HandlerContext<'getRace', Principal>;
    expectTypeOf<Get['params']['race_id']>().toEqualTypeOf<string>();
    expectTypeOf<Get['principal']>().toEqualTypeOf<Principal>();

    type Create = HandlerContext<'createRace', Principal>;
    expectTypeOf<Create['body']>().toEqualTypeOf<components['schemas']['RaceCreate']>();
    type Update = HandlerContext<'updateRace', Principal>;
    expectTypeOf<Update['body']>().toEqualTypeOf<components['schemas']['RaceUpdate']>();
    expectTypeOf<Update['params']>().toEqualTypeOf<{ race_id: string }>();
  });
});

describe('the handlers of one tag', () => {
  it('are the operations whose tag the table names, each typed as in the full map', () => {
    expectTypeOf<OperationsOfTag<'Races'>>().toEqualTypeOf<'listRaces' | 'createRace' | 'getRace' | 'updateRace' | 'deleteRace'>();
    expectTypeOf<HandlersForTag<'Races', Principal>['getRace']>().toEqualTypeOf<Handler<'getRace', Principal>>();
    const { getRace: _dropped, ...incomplete } = createStubHandlers<Principal>();
    // @ts-expect-error getRace is a Races operation
    const races: HandlersForTag<'Races', Principal> = incomplete;
    // @ts-expect-error no tag is named Race
    type Unknown = HandlersForTag<'Race', Principal>;
    expectTypeOf(races).toBeObject();
    expectTypeOf<Unknown>().toBeObject();
  });
});

describe('request bodies', () => {
  it('types a device-file body as the raw bytes and a JSON body as its schema', () => {
    expectTypeOf<HandlerContext<'importActivity'>['body']>().toEqualTypeOf<Buffer>();
    expectTypeOf<HandlerContext<'createRace'>['body']>().toEqualTypeOf<components['schemas']['RaceCreate']>();
  });
});
