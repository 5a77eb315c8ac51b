/**
 * The headers a deprecated operation answers with, derived from the contract's
 * `deprecated: true` and its dates: `Deprecation` (RFC 9745, `@` and the Unix time it took
 * effect) and, where the contract names a sunset, `Sunset` (RFC 8594, an HTTP date). The
 * server stubs, the mock and the MSW handlers all send these.
 */
import { operationTable } from './generated/operations.js';
import { allowedAt } from './methods.js';

type Deprecation = { at: string; sunset: string | null } | null;

/**
 * The headers for one operation-table deprecation (empty when the operation is not
 * deprecated): for handlers built from another document's table (`@astral/msw`).
 */
export function deprecationHeadersOf(deprecation: Deprecation): Record<string, string> {
  if (!deprecation) return {};
  const headers: Record<string, string> = { Deprecation: `@${Date.parse(`${deprecation.at}T00:00:00Z`) / 1000}` };
  // The sunset is the end of its day (UTC): the operation still answers on that date.
  if (deprecation.sunset) headers.Sunset = new Date(`${deprecation.sunset}T23:59:59Z`).toUTCString();
  return headers;
}

/**
 * The deprecation headers of an operation, by operationId.
 *
 * @example
 * ```ts
 * deprecationHeaders('getRace'); // {} (not deprecated)
 * // a deprecated one: { Deprecation: '@1798761600', Sunset: 'Wed, 30 Jun 2027 23:59:59 GMT' }
 * ```
 */
export function deprecationHeaders(operationId: string): Record<string, string> {
  const entry = (operationTable as Record<string, { deprecation: Deprecation }>)[operationId];
  return deprecationHeadersOf(entry?.deprecation ?? null);
}

/**
 * The deprecation headers for a request (method and URL under the base path): what a proxy
 * in front of something contract-blind (the mock's Prism) adds to its answers.
 */
export function deprecationHeadersAt(method: string, url: string): Record<string, string> {
  const path = allowedAt(url)?.path;
  if (!path) return {};
  const entry = Object.values(operationTable).find((operation) => operation.path === path && operation.method === method.toLowerCase());
  return deprecationHeadersOf((entry as { deprecation: Deprecation } | undefined)?.deprecation ?? null);
}
