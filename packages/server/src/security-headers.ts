/**
 * The security headers every response carries: the list of the OWASP REST Security Cheat
 * Sheet for APIs (`Cache-Control: no-store`, `Content-Security-Policy: frame-ancestors 'none'`,
 * `Strict-Transport-Security`, `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`),
 * plus `default-src 'none'`, `Referrer-Policy: no-referrer` and
 * `Cross-Origin-Resource-Policy: same-origin`, which cost a JSON API nothing.
 *
 * The values come from `helmet` (the maintained library `@fastify/helmet` wraps), configured
 * for an API: the HTML-only headers are off. They are computed once, at start, and set in the
 * server's one `onSend` hook and on Fastify's framework errors (bad URLs), which no plugin hook
 * reaches: `@fastify/helmet` would run helmet's middleware on every request and miss those.
 * `Cache-Control: no-store` is on every answer, not only authenticated ones: nothing this API
 * returns is meant for a shared cache, and one rule cannot be forgotten on a new operation.
 */
import helmet from 'helmet';

type HeaderValue = string | number | readonly string[];

/**
 * The headers, lower-case names to values.
 *
 * @example
 * ```ts
 * securityHeaders()['x-content-type-options']; // "nosniff"
 * ```
 */
export function securityHeaders(): Record<string, string> {
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    originAgentCluster: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    xContentTypeOptions: true,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xPoweredBy: false,
    xXssProtection: false,
  });
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  // helmet writes through `setHeader`; a stand-in response collects what it would write.
  const collector = {
    setHeader: (name: string, value: HeaderValue) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => undefined,
  };
  middleware({} as never, collector as never, () => undefined);
  return headers;
}
