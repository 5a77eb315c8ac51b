// Type tests: the idempotency option takes a whole store, and nothing else.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createAstralServer,
  createStubHandlers,
  memoryIdempotencyStore,
  type AstralServerOptions,
  type IdempotencyBegin,
  type IdempotencyStore,
} from '../src/index.js';

type Principal = { id: string };
const handlers = createStubHandlers<Principal>();
const authenticate = () => ({ id: 'usr_1' });

describe('the idempotency option', () => {
  it('is an optional IdempotencyStore', () => {
    expectTypeOf<AstralServerOptions<Principal>['idempotency']>().toEqualTypeOf<IdempotencyStore | undefined>();
    createAstralServer<Principal>({ handlers, authenticate });
    createAstralServer<Principal>({ handlers, authenticate, idempotency: memoryIdempotencyStore() });
  });

  it('rejects a store missing a method, and cannot be switched off', () => {
    const partial = { begin: () => Promise.resolve({ state: 'claimed' as const }), complete: () => Promise.resolve() };
    // @ts-expect-error release is missing
    createAstralServer<Principal>({ handlers, authenticate, idempotency: partial });
    // @ts-expect-error the contract promises the semantics: there is no off switch
    createAstralServer<Principal>({ handlers, authenticate, idempotency: false });
  });

  it('makes a store answer one of the four outcomes', () => {
    expectTypeOf<IdempotencyBegin['state']>().toEqualTypeOf<'claimed' | 'in_flight' | 'mismatch' | 'completed'>();
    const store: IdempotencyStore = {
      // @ts-expect-error a completed claim must carry the response to replay
      begin: () => Promise.resolve({ state: 'completed' }),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    expectTypeOf(store).toEqualTypeOf<IdempotencyStore>();
  });
});
