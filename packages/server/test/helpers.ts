// Shared test set-up: a stub server with a fake authenticate, requests injected in-process.
import { createAstralServer, createStubHandlers, type Handlers, type IdempotencyStore } from '../src/index.js';
import type { AstralServerExtraOptions } from '../src/server.js';
import type { ContractViolation } from '../src/response-check.js';
import type { AstralServerOptions, ServerMode } from '../src/types.js';

export interface Principal {
  id: string;
  role: 'athlete' | 'admin' | 'organization';
}

/** Known credentials of the tests. */
export const tokens: Record<string, Principal> = {
  'athlete-token': { id: 'usr_athlete1', role: 'athlete' },
  'admin-token': { id: 'usr_admin1', role: 'admin' },
};
export const apiKeys: Record<string, Principal> = { 'org-key': { id: 'org_club', role: 'organization' } };

export const auth = { authorization: 'Bearer athlete-token' };

/** Builds an app over the stubs, with some handlers replaced; collects contract violations. */
export function buildApp(
  overrides: Partial<Handlers<Principal>> = {},
  options: {
    mode?: ServerMode;
    bodyLimit?: number;
    logger?: any;
    mapError?: AstralServerOptions<Principal>['mapError'];
    idempotency?: IdempotencyStore;
    cors?: AstralServerOptions<Principal>['cors'];
  } & AstralServerExtraOptions = {},
) {
  const violations: ContractViolation[] = [];
  const handlers = { ...createStubHandlers<Principal>(), ...overrides } as Handlers<Principal>;
  const app = createAstralServer<Principal>({
    handlers,
    authenticate: ({ bearer, apiKey }) =>
      (bearer !== undefined ? tokens[bearer] : undefined) ?? (apiKey !== undefined ? apiKeys[apiKey] : undefined) ?? null,
    mode: options.mode ?? 'test',
    onContractViolation: (violation) => violations.push(violation),
    ...options,
  });
  return { app, violations };
}
