/** The mock server: Prism over the bundled contract, speaking the API's error dialect. */
import { basePath } from '@astral/openapi';
import { developmentContractJsonPath, redactedUrl } from '@astral/openapi/contract';
import { toApiDialect } from './dialect.js';
import { eventStreamReply, streamOperationsIn } from './event-streams.js';
import { stderrLog, type Log } from './log.js';
import { startPrismBehindFront } from './prism-behind-front.js';
import type { RunningServer } from './running-server.js';
import { formatViolation, parseViolations, violationsHeader } from './violations.js';

export interface MockOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Port; default 4010; 0 picks a free one. */
  port?: number;
  /** Generated responses instead of the contract's examples (Prism's `--dynamic`). */
  dynamic?: boolean;
  /** Where request lines and findings go; default stderr. */
  log?: Log;
  /** The bundled contract (JSON) to serve; default the one in @astral/openapi. */
  contract?: string;
}

/**
 * Starts the mock: `Prefer: code=...`, `Prefer: example=...` and `Prefer: dynamic=true` work
 * as in Prism; an invalid request gets `400 VALIDATION_ERROR` naming the offending field, a
 * request without credentials `401 UNAUTHORIZED`. A `text/event-stream` operation answers its
 * examples as Server-Sent Events.
 *
 * @example
 * ```ts
 * const mock = await startMock({ port: 0 });
 * const res = await fetch(`${mock.url}/races?limit=500`, { headers: { 'X-API-Key': 'any' } });
 * (await res.json()).details; // { code: 'VALIDATION_ERROR', field: 'limit' }
 * await mock.close();
 * ```
 */
export async function startMock(options: MockOptions = {}): Promise<RunningServer> {
  const log = options.log ?? stderrLog;
  const streams = streamOperationsIn(options.contract ?? developmentContractJsonPath);
  return startPrismBehindFront(
    { mode: 'mock', dynamic: options.dynamic ?? false, ...(options.contract ? { contract: options.contract } : {}) },
    {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 4010,
      onReply: (exchange) => {
        const reply = eventStreamReply(exchange, streams, basePath) ?? toApiDialect(exchange);
        log(`[mock] ${exchange.method} ${redactedUrl(exchange.url)} -> ${reply.status}`);
        for (const violation of parseViolations(exchange.reply.headers[violationsHeader] as string | undefined)) {
          log(`[mock]   ${formatViolation(violation)}`);
        }
        return reply;
      },
    },
  );
}
