/**
 * Credentials and the contract's security requirements. Credentials are read from the
 * headers the security schemes name. The query string is looked at only on an operation
 * whose `security` lists an `apiKey` scheme declared `in: query` (the calendar feed's
 * `feed_token`, for calendar apps that send no headers), and only for that parameter:
 * elsewhere a credential in a URL is ignored (URLs end up in logs and browser history).
 *
 * The rule the server applies: no credential, or one that `authenticate` does not recognise,
 * is a 401; a valid credential of a scheme the operation does not list in its `security` is
 * a 403 (the caller is known and lacks the right, as an API key on a user-only operation).
 */
import type { FastifyRequest } from 'fastify';
import { securitySchemes } from './contract-schemas.js';
import { ApiError } from './errors.js';
import type { Credentials } from './types.js';

type Scheme = { type: string; scheme?: string; in?: string; name?: string };

/** How each scheme of the contract is read from a request. */
export interface CredentialReader {
  /**
   * Reads the credentials present on the request (only those the contract defines); the
   * query-string key only when `query` is true (the operation lists its scheme).
   */
  read(request: FastifyRequest, query?: boolean): Credentials;
  /** The names of the contract's `in: query` key schemes. */
  querySchemes: ReadonlySet<string>;
  /** Which schemes a set of credentials satisfies. */
  satisfied(credentials: Credentials): Set<string>;
  /** The `WWW-Authenticate` value: every scheme the API accepts. */
  challenge: string;
  /** The header (or query parameter) a scheme is read from, for `details.field` on a rejected credential. */
  headerOf(credentials: Credentials): string | undefined;
}

/** Builds the reader from the contract's `securitySchemes`. */
export function credentialReader(): CredentialReader {
  const schemes = Object.entries(securitySchemes()) as Array<[string, Scheme]>;
  const bearerSchemes = schemes.filter(([, s]) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer').map(([n]) => n);
  const keySchemes = schemes.filter(([, s]) => s.type === 'apiKey' && s.in === 'header' && s.name);
  // One API key header is supported; the contract has exactly one.
  const apiKeyHeader = keySchemes[0]?.[1].name;
  const apiKeyHeaderLower = apiKeyHeader?.toLowerCase();
  const queryKeySchemes = schemes.filter(([, s]) => s.type === 'apiKey' && s.in === 'query' && s.name);
  // One query key parameter is supported; the contract has exactly one (`feed_token`).
  const queryKeyName = queryKeySchemes[0]?.[1].name;

  const challenges: string[] = [];
  if (bearerSchemes.length > 0) challenges.push('Bearer realm="astral"');
  if (apiKeyHeader) challenges.push(`ApiKey header="${apiKeyHeader}"`);

  return {
    querySchemes: new Set(queryKeySchemes.map(([n]) => n)),
    read(request, query = false) {
      const credentials: Credentials = {};
      const authorization = request.headers.authorization;
      if (bearerSchemes.length > 0 && typeof authorization === 'string') {
        const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
        if (match?.[1]) credentials.bearer = match[1];
      }
      if (apiKeyHeaderLower) {
        const value = request.headers[apiKeyHeaderLower];
        if (typeof value === 'string' && value.trim() !== '') credentials.apiKey = value.trim();
      }
      if (query && queryKeyName) {
        const value = (request.query as Record<string, unknown> | undefined)?.[queryKeyName];
        if (typeof value === 'string' && value !== '') credentials.queryKey = value;
      }
      return credentials;
    },
    satisfied(credentials) {
      const names = new Set<string>();
      if (credentials.bearer !== undefined) bearerSchemes.forEach((n) => names.add(n));
      if (credentials.apiKey !== undefined) keySchemes.forEach(([n]) => names.add(n));
      if (credentials.queryKey !== undefined) queryKeySchemes.forEach(([n]) => names.add(n));
      return names;
    },
    challenge: challenges.join(', '),
    headerOf(credentials) {
      if (credentials.bearer !== undefined) return 'Authorization';
      if (credentials.apiKey !== undefined) return apiKeyHeader;
      if (credentials.queryKey !== undefined) return queryKeyName;
      return undefined;
    },
  };
}

/**
 * Whether an operation's requirements (alternatives, each a list of schemes that must all be
 * present) are met. No requirement, or an empty one (`{}`), means the operation is open.
 */
export function meetsRequirements(requirements: string[][], present: Set<string>): boolean {
  if (requirements.length === 0) return true;
  return requirements.some((all) => all.every((scheme) => present.has(scheme)));
}

/** Whether an operation is open to anonymous callers: the contract reader's one test. */
export { isOpen } from '@astral/openapi/reader';

/**
 * The answer to a valid credential of a scheme the operation does not accept: the caller is
 * authenticated and lacks the right, so a 403, never a 401 that would tell them to sign in again.
 *
 * @example
 * ```ts
 * throw notAccepted('X-API-Key'); // 403 FORBIDDEN on X-API-Key
 * ```
 */
export function notAccepted(header: string | undefined): ApiError {
  return new ApiError('FORBIDDEN', {
    message: `This operation does not accept the credential sent in ${header ?? 'the request'}`,
    ...(header === undefined ? {} : { field: header }),
  });
}
