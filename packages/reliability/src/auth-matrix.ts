/**
 * The authentication and authorization matrix: every operation of the contract times every
 * way a caller can present (or fail to present) credentials, with the answer the contract
 * documents for each cell. Built from the operation table and the security schemes, never
 * from a list of routes: which credentials an operation accepts, whether it is open, whether
 * it spends the caller's session and whom its target belongs to are all read from the contract.
 */
import { contract } from '@astral/openapi/contract';
import {
  basePath,
  forbidsOnlyCredentialSchemes,
  isOpen,
  operationIds,
  operationSecurity,
  operationTable,
  propertiesOf,
  requestBodyExamples,
  requestBodySchema,
  type OperationId,
} from './contract.js';
import type { ApiRequest } from './exchange.js';
import { schemaValidator } from './schema-validator.js';

/** Who acts in a cell, relative to the owner of the resource it targets. */
export type Acting = 'anonymous' | 'owner' | 'stranger';

/** Request headers, by lower-case name. */
export type Headers = Record<string, string>;

/** One way of presenting credentials. */
export interface CredentialCase {
  name: string;
  /**
   * Headers the caller sends. For a case with `fresh`, a placeholder of the same scheme
   * (the real token is made per cell), so the matrix can still tell which scheme it presents.
   */
  headers: Headers;
  /** Query parameters the caller adds (credentials in the URL, which must be ignored). */
  query?: Record<string, string>;
  acting: Acting;
  /** Headers of whoever owns the targeted resource (defaults to the case's own headers). */
  ownerHeaders?: Headers;
  /**
   * Whether the credential belongs to a signed-in session (from login or sign-up). The
   * development tokens and tokens an admin issues have none, and an operation that spends
   * the caller's session (refresh, logout) refuses them with 403.
   */
  session?: boolean;
  /**
   * Makes a new credential of this case for one cell: a fresh signed-in session, so a cell
   * that refreshes or ends it never spends a token another cell relies on.
   */
  fresh?: () => Promise<Headers>;
}

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

/** The dev credentials and the extra principals a test installs. */
export interface MatrixPrincipals {
  /** A user's valid Bearer token without a session (a development token): `{ authorization: 'Bearer …' }`. */
  user: Headers;
  /** An organization's valid API key: `{ 'x-api-key': '…' }`. */
  apiKey: Headers;
  /** Another, non-admin user's valid token (no session). */
  otherUser?: Headers;
  /** Credentials the server must refuse although they once were valid. */
  revoked?: Array<{ name: string; headers: Headers }>;
  /** Signs a user in and resolves with the headers of that new session: one call per cell. */
  signIn?: () => Promise<Headers>;
}

/**
 * The credential cases: nothing, malformed headers, unknown and revoked credentials,
 * credentials in the query string, a valid development token, a valid token of a fresh
 * signed-in session (with `signIn`), a valid key, and another user's token.
 *
 * @example
 * ```ts
 * credentialCases({ user: { authorization: 'Bearer t' }, apiKey: { 'x-api-key': 'k' } }).length; // 11
 * ```
 */
export function credentialCases(principals: MatrixPrincipals): CredentialCase[] {
  const token = (principals.user.authorization ?? '').replace(/^Bearer /, '');
  const key = Object.values(principals.apiKey)[0] ?? '';
  const anonymous = (name: string, headers: Headers, query?: Record<string, string>): CredentialCase => ({
    name,
    headers,
    acting: 'anonymous',
    ownerHeaders: principals.user,
    ...(query ? { query } : {}),
  });
  const cases: CredentialCase[] = [
    anonymous('no credentials', {}),
    anonymous('malformed Authorization: scheme only', { authorization: 'Bearer' }),
    anonymous('malformed Authorization: Basic', { authorization: `Basic ${Buffer.from(`user:${token}`).toString('base64')}` }),
    anonymous('malformed Authorization: token without scheme', { authorization: token }),
    anonymous('malformed Authorization: two tokens', { authorization: `Bearer ${token} ${token}` }),
    anonymous('unknown token', { authorization: 'Bearer unknown-token-0000000000' }),
    anonymous('unknown API key', { 'x-api-key': 'unknown-key-0000000000' }),
    anonymous('API key in the query string', {}, { api_key: key, 'X-API-Key': key }),
    anonymous('token in the query string', {}, { access_token: token, token }),
    ...(principals.revoked ?? []).map((r) => anonymous(r.name, r.headers)),
    { name: 'valid development token (no session)', headers: principals.user, acting: 'owner', session: false },
    { name: 'valid API key', headers: principals.apiKey, acting: 'owner' },
  ];
  if (principals.signIn) {
    cases.push({
      name: 'valid token of a fresh signed-in session',
      headers: { authorization: 'Bearer <a new session per cell>' },
      acting: 'owner',
      session: true,
      fresh: principals.signIn,
    });
  }
  if (principals.otherUser) {
    cases.push({
      name: "another user's token",
      headers: principals.otherUser,
      acting: 'stranger',
      ownerHeaders: principals.user,
      session: false,
    });
    cases.push({
      name: "a user's token on an organization's resource",
      headers: principals.user,
      acting: 'stranger',
      ownerHeaders: principals.apiKey,
      session: false,
    });
  }
  return cases;
}

/** The header each security scheme of the contract reads (`authorization`, `x-api-key`), lower case. */
function schemeHeaders(): Record<string, string> {
  const schemes = (contract.components.securitySchemes ?? {}) as Record<string, { type?: string; in?: string; name?: string }>;
  return Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => [
      name,
      scheme.type === 'apiKey' && scheme.in === 'header' ? scheme.name! : 'authorization',
    ]),
  );
}
const headerOfScheme = schemeHeaders();

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
export function accepts(id: OperationId, headers: Headers): boolean {
  const sent = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  return operationSecurity(id).some((requirement) =>
    requirement.every((scheme) => sent.has((headerOfScheme[scheme] ?? scheme).toLowerCase())),
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

/**
 * The operation's first documented request body example, made unique by `tag`: every free
 * text field (one that stays valid with ` tag` appended within its maxLength) gets it, so
 * creations never collide with each other (the contract's 409 rule), and every
 * `format: email` field gets the tag in its local part, so per-address rate limits and
 * "already has an account" answers never carry over from one request to another.
 *
 * @example
 * ```ts
 * exampleBody('createRace', 'r7'); // { race_name: "Chicago Marathon r7", ... }
 * exampleBody('requestVerification', 'm12'); // { email: "lena.m12@example.com" }
 * ```
 */
export function exampleBody(id: OperationId, tag: string): Record<string, unknown> | undefined {
  const example = requestBodyExamples(id)[0] as Record<string, unknown> | undefined;
  const schema = requestBodySchema(id);
  if (!example || !schema) return example;
  for (const [name, value] of Object.entries(example)) {
    const property = propertiesOf(schema)[name];
    if (typeof value !== 'string' || !property || property.enum) continue;
    if (property.format === 'email') {
      example[name] = uniqueEmail(value, tag);
      continue;
    }
    // Free text: whatever the field's pattern allows, as long as the tagged text is still valid.
    const max = typeof property.maxLength === 'number' ? property.maxLength : 200;
    const tagged = `${value.slice(0, Math.max(0, max - tag.length - 1))} ${tag}`;
    if (schemaValidator(property)(tagged)) example[name] = tagged;
  }
  return example;
}

/** `lena@example.com` with `tag` in its local part: `lena.m12@example.com` (the tag reduced to letters and digits). */
function uniqueEmail(email: string, tag: string): string {
  const at = email.lastIndexOf('@');
  const safe = tag.replace(/[^A-Za-z0-9]/g, '');
  return at < 0 ? email : `${email.slice(0, at)}.${safe}${email.slice(at)}`;
}

/**
 * The request of one cell against a target resource (`pathValues`), with a valid body
 * made unique by `tag`, sent with `headers` (the case's own unless a fresh credential was made).
 *
 * @example
 * ```ts
 * cellRequest(cell, { race_id: 'race_abc' }, 'cell12').url; // "/api/v1/races/race_abc"
 * ```
 */
export function cellRequest(
  cell: MatrixCell,
  pathValues: Record<string, string>,
  tag: string,
  headers = cell.credentials.headers,
): ApiRequest {
  const entry = operationTable[cell.operationId];
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
  const search = new URLSearchParams(cell.credentials.query ?? {}).toString();
  const request: ApiRequest = {
    operationId: cell.operationId,
    method: entry.method.toUpperCase(),
    url: `${basePath}${path}${search ? `?${search}` : ''}`,
    headers: { ...headers },
  };
  const body = entry.hasBody ? exampleBody(cell.operationId, tag) : undefined;
  if (body !== undefined) {
    request.headers['content-type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  return request;
}
