/**
 * What the contract allows at a request URL: its methods, for `405 Method Not Allowed` and
 * its `Allow` header (the server stubs and the mock answer a known path with a wrong method
 * alike), the request headers, for a CORS preflight, and the body limit, for a proxy.
 */
import { basePath, operationTable, requestBodyLimitBytes } from './generated/operations.js';
import { pathPattern } from './reader/operations.js';

/** What one contract path allows: the union over its operations. */
export interface PathAllowance {
  /** The contract path template, e.g. `/races/{race_id}`. */
  path: string;
  /** Its methods, upper case, sorted. */
  methods: string[];
  /** The request headers any of its operations takes (credentials, header parameters, `Content-Type`). */
  requestHeaders: string[];
}

const routes = (() => {
  const byPath = new Map<string, { methods: Set<string>; headers: Map<string, string> }>();
  for (const { path, method, requestHeaders } of Object.values(operationTable)) {
    const route = byPath.get(path) ?? { methods: new Set<string>(), headers: new Map<string, string>() };
    route.methods.add(method.toUpperCase());
    for (const name of requestHeaders) if (!route.headers.has(name.toLowerCase())) route.headers.set(name.toLowerCase(), name);
    byPath.set(path, route);
  }
  return [...byPath].map(([path, { methods, headers }]) => ({
    pattern: pathPattern(basePath + path),
    allowance: { path, methods: [...methods].sort(), requestHeaders: [...headers.values()] } satisfies PathAllowance,
  }));
})();

/**
 * What the contract allows at a request URL (under the base path), or `undefined` when no path matches.
 *
 * @example
 * ```ts
 * allowedAt('/api/v1/races?limit=5'); // { path: '/races', methods: ['GET', 'POST'], requestHeaders: ['Authorization', 'X-API-Key', 'Idempotency-Key', 'Content-Type'] }
 * ```
 */
export function allowedAt(url: string): PathAllowance | undefined {
  const path = url.split('?')[0] ?? '';
  return routes.find((route) => route.pattern.test(path))?.allowance;
}

/**
 * The contract's methods for a request URL, or an empty list when no path matches.
 *
 * @example
 * ```ts
 * methodsAllowedFor('/api/v1/races?limit=5'); // ['GET', 'POST']
 * ```
 */
export function methodsAllowedFor(url: string): string[] {
  return allowedAt(url)?.methods ?? [];
}

/**
 * The largest body the operation at a request (method and URL under the base path) accepts:
 * its own `bodyLimitBytes` (a device-file import's 32 MiB), else the API's. For a proxy in front
 * of something contract-blind (the mock's front).
 *
 * @example
 * ```ts
 * bodyLimitAt('POST', '/api/v1/activities/import'); // 33554432
 * bodyLimitAt('POST', '/api/v1/races'); // 1048576
 * ```
 */
export function bodyLimitAt(method: string, url: string): number {
  return operationAt(method, url)?.bodyLimitBytes ?? requestBodyLimitBytes;
}

/**
 * The operation table's entry for a request (method and URL under the base path), or `undefined`.
 *
 * @example
 * ```ts
 * operationAt('POST', '/api/v1/activities/import')?.requestContentTypes; // ['application/gpx+xml', 'application/vnd.ant.fit']
 * ```
 */
export function operationAt(method: string, url: string): (typeof operationTable)[keyof typeof operationTable] | undefined {
  const path = allowedAt(url)?.path;
  return Object.values(operationTable).find((operation) => operation.path === path && operation.method === method.toLowerCase());
}
