/**
 * Credentials that travel in a URL: the query parameters of a document's `in: query` API key
 * schemes (`feed_token`, the calendar feed's). Whatever logs a request URL (the API's request
 * log, the mock's and the sandbox's lines) redacts their values with `redactCredentialsInUrl`.
 */
import { securitySchemesOf } from './operations.js';
import type { OpenApiDocument } from './document.js';

/**
 * The query parameters that carry a credential in a document.
 *
 * @example
 * ```ts
 * credentialQueryParametersOf(contract); // ['feed_token']
 * ```
 */
export function credentialQueryParametersOf(document: OpenApiDocument): string[] {
  return Object.values(securitySchemesOf(document) as Record<string, { type?: string; in?: string; name?: string }>)
    .filter((scheme) => scheme.type === 'apiKey' && scheme.in === 'query' && typeof scheme.name === 'string')
    .map((scheme) => scheme.name!);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A URL (or path with a query) with the value of every named parameter replaced by `[redacted]`.
 *
 * @example
 * ```ts
 * redactCredentialsInUrl('/x.ics?feed_token=astral_cf_…&a=1', ['feed_token']); // '/x.ics?feed_token=[redacted]&a=1'
 * ```
 */
export function redactCredentialsInUrl(url: string, parameters: readonly string[]): string {
  if (parameters.length === 0 || !url.includes('?')) return url;
  const names = parameters.map(escape).join('|');
  return url.replace(new RegExp(`([?&](?:${names})=)[^&#]*`, 'gi'), '$1[redacted]');
}
