/**
 * The authentication and authorization matrix: every operation of the contract times every
 * way a caller can present (or fail to present) credentials, with the status the contract
 * documents for each cell. Built from the operation table, never from a list of routes.
 */
import {
  basePath,
  operationIds,
  operationSecurity,
  operationTable,
  propertiesOf,
  requestBodyExamples,
  requestBodySchema,
  type OperationId,
} from './contract.js';
import type { ApiRequest } from './requests.js';

/** Who acts in a cell, relative to the owner of the resource it targets. */
export type Acting = 'anonymous' | 'owner' | 'stranger';

/** One way of presenting credentials. */
export interface CredentialCase {
  name: string;
  /** Headers the caller sends. */
  headers: Record<string, string>;
  /** Query parameters the caller adds (credentials in the URL, which must be ignored). */
  query?: Record<string, string>;
  acting: Acting;
  /** Headers of whoever creates the targeted resource (defaults to the case's own headers). */
  ownerHeaders?: Record<string, string>;
}

/** One cell: an operation, a credential case and the documented answer. */
export interface MatrixCell {
  operationId: OperationId;
  credentials: CredentialCase;
  expectStatus: number;
}

/** The dev credentials and the extra principals a test installs. */
export interface MatrixPrincipals {
  /** A user's valid Bearer token: `{ authorization: 'Bearer …' }`. */
  user: Record<string, string>;
  /** An organization's valid API key: `{ 'x-api-key': '…' }`. */
  apiKey: Record<string, string>;
  /** Another, non-admin user's valid token. */
  otherUser?: Record<string, string>;
  /** Credentials the server must refuse although they once were valid. */
  revoked?: Array<{ name: string; headers: Record<string, string> }>;
}

/**
 * The credential cases: nothing, malformed headers, unknown and revoked credentials,
 * credentials in the query string, a valid token and key, and another user's token.
 *
 * @example
 * ```ts
 * credentialCases({ user: { authorization: 'Bearer t' }, apiKey: { 'x-api-key': 'k' } }).length; // 13
 * ```
 */
export function credentialCases(principals: MatrixPrincipals): CredentialCase[] {
  const token = (principals.user.authorization ?? '').replace(/^Bearer /, '');
  const key = Object.values(principals.apiKey)[0] ?? '';
  const anonymous = (name: string, headers: Record<string, string>, query?: Record<string, string>): CredentialCase => ({
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
    { name: 'valid token', headers: principals.user, acting: 'owner' },
    { name: 'valid API key', headers: principals.apiKey, acting: 'owner' },
  ];
  if (principals.otherUser) {
    cases.push({ name: "another user's token", headers: principals.otherUser, acting: 'stranger', ownerHeaders: principals.user });
    cases.push({
      name: "a user's token on an organization's race",
      headers: principals.user,
      acting: 'stranger',
      ownerHeaders: principals.apiKey,
    });
  }
  return cases;
}

/**
 * Every cell of the matrix with its documented status: 401 for anyone anonymous on a
 * secured operation, 403 for a stranger on an operation that documents 403 (it acts on
 * someone's resource), the success status otherwise.
 *
 * @example
 * ```ts
 * authMatrix(credentialCases(principals)).find((c) => c.operationId === 'deleteRace' && c.credentials.acting === 'stranger')?.expectStatus; // 403
 * ```
 */
export function authMatrix(cases: CredentialCase[], ids: readonly OperationId[] = operationIds): MatrixCell[] {
  return ids.flatMap((operationId) => {
    const entry = operationTable[operationId];
    const secured = operationSecurity(operationId).every((requirement) => requirement.length > 0);
    return cases.map((credentials) => {
      let expectStatus: number = entry.successStatus;
      if (secured && credentials.acting === 'anonymous') expectStatus = 401;
      if (credentials.acting === 'stranger' && (entry.statuses as readonly number[]).includes(403)) expectStatus = 403;
      return { operationId, credentials, expectStatus };
    });
  });
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
 * text field (no enum, format or pattern) gets the tag appended within its maxLength, so
 * creations never collide with each other (the contract's 409 rule).
 *
 * @example
 * ```ts
 * exampleBody('createRace', 'r7'); // { race_name: "Chicago Marathon r7", ... }
 * ```
 */
export function exampleBody(id: OperationId, tag: string): Record<string, unknown> | undefined {
  const example = requestBodyExamples(id)[0] as Record<string, unknown> | undefined;
  const schema = requestBodySchema(id);
  if (!example || !schema) return example;
  for (const [name, value] of Object.entries(example)) {
    const property = propertiesOf(schema)[name];
    if (typeof value !== 'string' || !property || property.enum || property.format || property.pattern) continue;
    const max = typeof property.maxLength === 'number' ? property.maxLength : 200;
    example[name] = `${value.slice(0, Math.max(0, max - tag.length - 1))} ${tag}`;
  }
  return example;
}

/**
 * The request of one cell against a target resource (`pathValues`), with a valid body.
 *
 * @example
 * ```ts
 * cellRequest(cell, { race_id: 'race_abc' }, 'cell12').url; // "/api/v1/races/race_abc"
 * ```
 */
export function cellRequest(cell: MatrixCell, pathValues: Record<string, string>, tag: string): ApiRequest {
  const entry = operationTable[cell.operationId];
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
  const search = new URLSearchParams(cell.credentials.query ?? {}).toString();
  const request: ApiRequest = {
    operationId: cell.operationId,
    method: entry.method.toUpperCase(),
    url: `${basePath}${path}${search ? `?${search}` : ''}`,
    headers: { ...cell.credentials.headers },
  };
  const body = entry.hasBody ? exampleBody(cell.operationId, tag) : undefined;
  if (body !== undefined) {
    request.headers['content-type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  return request;
}
