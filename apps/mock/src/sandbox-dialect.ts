/**
 * What the sandbox adds to the proxy's answers: the API's own answer always reaches the
 * caller unchanged, and every finding Prism reports is made loud: logged, counted in the
 * `x-astral-contract-violations` header, and readable by browser code (CORS-exposed).
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { Exchange, PrismReply } from './exchange.js';
import { parseViolations, violationsHeader, type Violation } from './violations.js';

/** The header carrying the count of findings: `request=1, response=0`. */
export const violationsCountHeader = 'x-astral-contract-violations';
/** Set when a request went straight to the API because Prism cannot parse its body. */
export const uncheckedHeader = 'x-astral-contract-unchecked';

export interface Findings {
  request: Violation[];
  response: Violation[];
}

/** Splits the reply's findings into those about the request and those about the response. */
export function findingsOf(reply: PrismReply): Findings {
  const all = parseViolations(reply.headers[violationsHeader] as string | undefined);
  return {
    request: all.filter((v) => v.location[0] === 'request'),
    response: all.filter((v) => v.location[0] !== 'request'),
  };
}

function exposeHeaders(headers: OutgoingHttpHeaders): string {
  const current = String(headers['access-control-expose-headers'] ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h && h !== '*');
  // The API's own list (its CORS: X-Request-Id, the rate-limit headers) comes first; one spelling per header.
  const names = new Map<string, string>();
  for (const name of [...current, violationsHeader, violationsCountHeader, uncheckedHeader, 'x-request-id']) {
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()].join(', ');
}

/**
 * The sandbox's reply: the proxied answer, status and body untouched, with the findings
 * counted in a header and the violation headers exposed to browser code.
 *
 * @example
 * ```ts
 * const reply = sandboxReply(exchange);
 * reply.headers['x-astral-contract-violations']; // "request=0, response=1"
 * ```
 */
export function sandboxReply(exchange: Exchange): PrismReply {
  const { reply } = exchange;
  const findings = findingsOf(reply);
  const headers: OutgoingHttpHeaders = { ...reply.headers };
  headers[violationsCountHeader] = `request=${findings.request.length}, response=${findings.response.length}`;
  if (headers['access-control-allow-origin'] !== undefined || exchange.requestHeaders.origin !== undefined) {
    headers['access-control-expose-headers'] = exposeHeaders(headers);
  }
  return { ...reply, headers };
}
