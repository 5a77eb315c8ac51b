/**
 * Credentials and the contract's security requirements. Credentials are read only from the
 * headers the security schemes name; the query string is never looked at, even for an
 * `apiKey` scheme declared `in: query` (keys in URLs end up in logs and browser history).
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
  /** Reads the credentials present on the request (only those the contract defines). */
  read(request: FastifyRequest): Credentials;
  /** Which schemes a set of credentials satisfies. */
  satisfied(credentials: Credentials): Set<string>;
  /** The `WWW-Authenticate` value: every scheme the API accepts. */
  challenge: string;
  /** The header a scheme is read from, for `details.field` on a rejected credential. */
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

  const challenges: string[] = [];
  if (bearerSchemes.length > 0) challenges.push('Bearer realm="astral"');
  if (apiKeyHeader) challenges.push(`ApiKey header="${apiKeyHeader}"`);

  return {
    read(request) {
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
      return credentials;
    },
    satisfied(credentials) {
      const names = new Set<string>();
      if (credentials.bearer !== undefined) bearerSchemes.forEach((n) => names.add(n));
      if (credentials.apiKey !== undefined) keySchemes.forEach(([n]) => names.add(n));
      return names;
    },
    challenge: challenges.join(', '),
    headerOf(credentials) {
      if (credentials.bearer !== undefined) return 'Authorization';
      if (credentials.apiKey !== undefined) return apiKeyHeader;
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
