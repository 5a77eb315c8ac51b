/**
 * Who is calling: each operation's authentication step (its `onRequest`), and what it
 * leaves on the request for the handler and the idempotency scope. The requirements are
 * read from the contract once per operation, at start.
 */
import type { FastifyRequest } from 'fastify';
import { credentialReader, isOpen, meetsRequirements, notAccepted } from './auth.js';
import { securityRequirements } from './contract-schemas.js';
import { ApiError } from './errors.js';
import type { Authenticate, Credentials, OperationId } from './types.js';

/** Per-request internals live under symbols, never string keys a handler could collide with. */
const PRINCIPAL = Symbol('astral.principal');
/** The credentials that authenticated the request (the idempotency scope is a hash of them). */
const CREDENTIALS = Symbol('astral.credentials');
type WithCaller = FastifyRequest & { [PRINCIPAL]?: unknown; [CREDENTIALS]?: Credentials };

/** The principal `authenticate` returned for the request, or `null` (an anonymous call of an open operation). */
export function principalOf(request: FastifyRequest): unknown {
  return (request as WithCaller)[PRINCIPAL] ?? null;
}

/** The credentials that authenticated the request, if any did. */
export function credentialsOf(request: FastifyRequest): Credentials | undefined {
  return (request as WithCaller)[CREDENTIALS];
}

/** Authenticates one request of an operation; rejects with the 401 or 403 `ApiError`. */
export type OperationAuthentication = (request: FastifyRequest) => Promise<void>;

/**
 * Builds the authentication step of each operation over the application's `authenticate`:
 * no credential is a 401 before the application is asked; an unknown one is a 401, and a
 * valid one of a scheme the operation does not list a 403 (auth.ts); an open operation lets
 * an anonymous (or unknown) caller through.
 */
export function createAuthentication(authenticate: Authenticate<unknown>): { forOperation(id: OperationId): OperationAuthentication } {
  const reader = credentialReader();
  return {
    forOperation(id) {
      const requirements = securityRequirements(id);
      const open = isOpen(requirements);
      // The query string is read only where a query scheme can succeed (auth.ts).
      const readsQuery = requirements.some((all) => all.some((scheme) => reader.querySchemes.has(scheme)));
      return async (request) => {
        const credentials = reader.read(request, readsQuery);
        const present = reader.satisfied(credentials);
        if (present.size === 0 && open) return;
        if (present.size === 0) throw new ApiError('UNAUTHORIZED', { headers: { 'www-authenticate': reader.challenge } });
        const principal = await authenticate(credentials, request);
        if (principal === null || principal === undefined) {
          if (open) return;
          throw new ApiError('UNAUTHORIZED', {
            message: 'The credentials are invalid, expired or revoked',
            field: reader.headerOf(credentials),
            headers: { 'www-authenticate': reader.challenge },
          });
        }
        // Valid, but of a scheme this operation does not list: a right the caller lacks (auth.ts).
        if (!meetsRequirements(requirements, present)) throw notAccepted(reader.headerOf(credentials));
        (request as WithCaller)[PRINCIPAL] = principal;
        (request as WithCaller)[CREDENTIALS] = credentials;
      };
    },
  };
}
