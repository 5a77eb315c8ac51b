/**
 * The authentication and authorization matrix: every operation of the contract times every
 * way a caller can present (or fail to present) credentials, with the answer the contract
 * documents for each cell. Built from the operation table and the security schemes, never
 * from a list of routes: which credentials an operation accepts, whether it is open, whether
 * it spends the caller's session and whom its target belongs to are all read from the contract.
 */
import { contract } from '@astral/openapi/contract';
import { forbidsOnlyCredentialSchemes, isOpen, operationIds, operationSecurity, operationTable, type OperationId } from './contract.js';
import type { CredentialCase, Headers } from './credential-cases.js';

/** What a cell must be answered: a status, or exactly what the same request gets without credentials. */
export type Expectation = number | typeof AS_ANONYMOUS;

/** The expectation of every cell of an open operation: credentials are ignored. */
export const AS_ANONYMOUS = 'as without credentials';

/** One cell: an operation, a credential case and the documented answer. */
export interface MatrixCell {
  operationId: OperationId;
  credentials: CredentialCase;
  expectStatus: Expectation;
}

type SchemeObject = { type?: string; in?: string; name?: string };
const securitySchemes = (contract.components.securitySchemes ?? {}) as Record<string, SchemeObject>;

/** The header each security scheme of the contract reads (`authorization`, `x-api-key`), lower case; none for a query scheme. */
function schemeHeaders(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(securitySchemes)
      .filter(([, scheme]) => !(scheme.type === 'apiKey' && scheme.in === 'query'))
      .map(([name, scheme]) => [name, scheme.type === 'apiKey' && scheme.in === 'header' ? scheme.name! : 'authorization']),
  );
}
const headerOfScheme = schemeHeaders();

/**
 * The query parameter each `in: query` scheme reads (`calendarFeedToken`: `feed_token`): a
 * credential in the URL, which the server reads only on the operations that list its scheme.
 *
 * @example
 * ```ts
 * queryCredentialParameters(); // { calendarFeedToken: 'feed_token' }
 * ```
 */
export function queryCredentialParameters(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(securitySchemes)
      .filter(([, scheme]) => scheme.type === 'apiKey' && scheme.in === 'query' && scheme.name)
      .map(([name, scheme]) => [name, scheme.name!]),
  );
}
const parameterOfScheme = queryCredentialParameters();

/**
 * Whether the headers present a credential of a scheme the operation accepts: an
 * `X-API-Key` on a Bearer-only operation does not (a valid one is then a 403, an unknown one a 401).
 *
 * @example
 * ```ts
 * accepts('getUser', { 'x-api-key': 'k' }); // false
 * accepts('getMe', { 'x-api-key': 'k' }); // true
 * ```
 */
export function accepts(id: OperationId, headers: Headers, query: Record<string, string> = {}): boolean {
  const sent = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  return operationSecurity(id).some((requirement) =>
    requirement.every((scheme) =>
      parameterOfScheme[scheme] === undefined
        ? sent.has((headerOfScheme[scheme] ?? scheme).toLowerCase())
        : query[parameterOfScheme[scheme]] !== undefined,
    ),
  );
}

/**
 * Whether a success spends the caller's own session: a secured operation the table marks
 * `session: 'issues'` (refresh: the token sent is replaced) or `'ends'` (logout). A cell
 * of such an operation needs a token nobody else uses, and one without a session is a 403.
 */
export function spendsSession(id: OperationId): boolean {
  return operationTable[id].session !== null && !isOpen(id);
}

/**
 * Whether an open operation's body carries the caller's own credentials (it documents 401
 * although it needs no credential: login). A cell of it needs an account for that body.
 */
export function bodyCarriesCredentials(id: OperationId): boolean {
  return isOpen(id) && (operationTable[id].statuses as readonly number[]).includes(401);
}

/**
 * Whether the operation acts on the caller's own principal: it has path parameters and no
 * operation creates what they name (`/users/{user_id}`), so the owner of the target is the
 * user whose id the parameter carries, and a stranger is anyone else.
 */
export function actsOnPrincipal(id: OperationId): boolean {
  return operationTable[id].pathParams.length > 0 && creatorOf(id) === undefined;
}

/** The documented answer of one cell, or `undefined` when the case does not apply to the operation. */
function expectation(id: OperationId, credentials: CredentialCase): Expectation | undefined {
  const entry = operationTable[id];
  // A stranger to a principal's own resource that the owner's credential cannot even reach
  // (an organization's key on a user's profile) is no case: organizations own no users.
  if (credentials.acting === 'stranger' && actsOnPrincipal(id) && !accepts(id, credentials.ownerHeaders ?? {})) return undefined;
  if (isOpen(id)) return AS_ANONYMOUS;
  if (credentials.acting === 'anonymous') return 401;
  // A valid credential of a scheme the operation does not list: the caller is known and lacks the right.
  if (!accepts(id, credentials.headers)) return 403;
  if (spendsSession(id) && credentials.session !== true) return 403;
  const targeted = entry.pathParams.length > 0;
  const refusesStrangers = (entry.statuses as readonly number[]).includes(403) && !forbidsOnlyCredentialSchemes(id);
  if (credentials.acting === 'stranger' && targeted && refusesStrangers) return 403;
  return entry.successStatus;
}

/**
 * Every cell of the matrix with its documented answer: on an open operation, exactly what
 * the same request gets without credentials; on a secured one, 401 for anyone anonymous
 * (no, malformed, unknown or revoked credentials), 403 for a valid credential of a scheme
 * the operation does not list (an API key on a user-only operation), 403 for a token without a
 * session on an operation that spends it, 403 for a stranger on a target when the
 * operation documents 403, the success status otherwise.
 *
 * @example
 * ```ts
 * authMatrix(credentialCases(principals)).find((c) => c.operationId === 'deleteRace' && c.credentials.acting === 'stranger')?.expectStatus; // 403
 * ```
 */
export function authMatrix(cases: CredentialCase[], ids: readonly OperationId[] = operationIds): MatrixCell[] {
  return ids.flatMap((operationId) =>
    cases.flatMap((credentials) => {
      const expectStatus = expectation(operationId, credentials);
      return expectStatus === undefined ? [] : [{ operationId, credentials, expectStatus }];
    }),
  );
}

/**
 * The operation that creates what `id` acts on: a POST on the collection whose item path is
 * `id`'s path (`createRace` for `/races/{race_id}`).
 */
export function creatorOf(id: OperationId): OperationId | undefined {
  const path: string = operationTable[id].path;
  return operationIds.find((candidate) => {
    const entry = operationTable[candidate];
    return entry.method === 'post' && entry.pathParams.length === 0 && path.startsWith(`${entry.path}/{`);
  });
}
