/**
 * Prism's validating proxy in front of an upstream API, behind the same thin front as the
 * mock: the caller talks to `/api/v1`, Prism checks the request and the response against the
 * contract and forwards everything (no `--errors`, so the API's own 400/401/404... reach the
 * caller unchanged), and the front makes every finding loud.
 */
import { basePath } from '@astral/openapi';
import { redactedUrl } from '@astral/openapi/contract';
import { takesFile, type Target } from './front.js';
import { stderrLog, type Log } from './log.js';
import type { RunningServer } from './running-server.js';
import { startPrismBehindFront } from './prism-behind-front.js';
import { findingsOf, sandboxReply, uncheckedHeader } from './sandbox-dialect.js';
import { formatViolation } from './violations.js';

export interface ProxyOptions {
  host?: string;
  port?: number;
  /** The API's origin, without the base path: `http://127.0.0.1:3000`. */
  upstream: string;
  log?: Log;
  /** Name used in log lines. */
  name?: string;
  /** The bundled contract (JSON) to validate against; default the one in @astral/openapi. */
  contract?: string;
}

const jsonType = /^application\/([\w.-]+\+)?json\b/i;

/** Prism's HTTP layer cannot forward a JSON body it cannot parse, nor a GET with a body. */
function prismCannotCarry(method: string, contentType: string | undefined, body: Buffer): boolean {
  if (body.length === 0) return false;
  if (method === 'GET' || method === 'HEAD') return true;
  if (!contentType || !jsonType.test(contentType)) return false;
  try {
    JSON.parse(body.toString('utf8'));
    return false;
  } catch {
    return true;
  }
}

/**
 * Starts Prism's validating proxy to `upstream` with the front on host:port.
 *
 * @example
 * ```ts
 * const proxy = await startValidatingProxy({ port: 0, upstream: 'http://127.0.0.1:3000' });
 * const res = await fetch(`${proxy.url}/races`, { headers: { Authorization: 'Bearer dev-athlete-token' } });
 * res.headers.get('x-astral-contract-violations'); // "request=0, response=0"
 * ```
 */
export async function startValidatingProxy(options: ProxyOptions): Promise<RunningServer> {
  const log = options.log ?? stderrLog;
  const name = options.name ?? 'proxy';
  const origin = new URL(options.upstream);
  const upstream: Target = { host: origin.hostname, port: Number(origin.port), prefix: basePath };
  return startPrismBehindFront(
    { mode: 'proxy', upstream: `${origin.origin}${basePath}`, ...(options.contract ? { contract: options.contract } : {}) },
    {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 4011,
      // A device file goes to the API as sent: Prism would read its bytes as text (front.ts).
      route: ({ method, url, headers, body }) =>
        takesFile(method, url) || prismCannotCarry(method, headers['content-type'], body) ? upstream : undefined,
      onReply: (exchange, target) => {
        const reply = sandboxReply(exchange);
        if (target === upstream) {
          reply.headers[uncheckedHeader] = takesFile(exchange.method, exchange.url)
            ? 'a file body (Prism reads bodies as text): sent to the API without contract validation'
            : 'body not parseable as JSON: sent to the API without contract validation';
          // What Prism's CORS layer would have added, had the request gone through it.
          reply.headers['access-control-allow-origin'] ??= exchange.requestHeaders.origin ?? '*';
          reply.headers['access-control-expose-headers'] = `sl-violations, x-astral-contract-violations, ${uncheckedHeader}, x-request-id`;
        }
        const findings = findingsOf(exchange.reply);
        log(
          `[${name}] ${exchange.method} ${redactedUrl(exchange.url)} -> ${reply.status}${target === upstream ? ' (not validated: a file or unparseable body)' : ''}`,
        );
        for (const violation of findings.response) {
          log(`[${name}] !! CONTRACT VIOLATION in the API's response: ${formatViolation(violation)}`);
        }
        for (const violation of findings.request) {
          log(`[${name}] !  request does not match the contract: ${formatViolation(violation)}`);
        }
        return reply;
      },
    },
  );
}
