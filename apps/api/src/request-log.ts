/**
 * The entry point's logger, by mode. Production (and the bench) keeps Fastify's JSON lines,
 * with nothing in the way. Development, which `npm start` runs between the other services'
 * banners, prints one readable line per request with pino-pretty (loaded only there):
 * `12:01:02 INFO: GET /api/v1/races 200 3 ms (req 5f0c…)`. In every mode a URL is logged with
 * the contract's credential query parameters redacted (`?feed_token=[redacted]`): the
 * calendar feed's secret, the one credential that travels in a URL, never reaches a log.
 */
import { redactedUrl } from '@astral/openapi/contract';
import type { FastifyServerOptions } from 'fastify';
import type { Mode } from './config.js';

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Fastify's request serializer (method, url, host, remote address and port), with the URL redacted. */
function requestSummary(request: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** What `res` carries in a development log line: enough to write the request in one line. */
interface RequestSummary {
  method: string | undefined;
  url: string | undefined;
  statusCode: number;
}

/** Fastify's "request completed" line (with `res` and `responseTime`) as one readable message. */
export function requestLine(log: Record<string, unknown>, messageKey: string): string {
  const res = log.res as RequestSummary | undefined;
  const message = log[messageKey];
  if (!res || typeof log.responseTime !== 'number') return typeof message === 'string' ? message : '';
  return `${res.method} ${res.url} ${res.statusCode} ${Math.round(log.responseTime)} ms (req ${typeof log.reqId === 'string' ? log.reqId : '-'})`;
}

/**
 * Logger options for Fastify (`destination`: where the lines go instead of stdout).
 *
 * @example
 * ```ts
 * createApp({ ...options, logger: await requestLogger('development') });
 * ```
 */
export async function requestLogger(mode: Mode, destination?: NodeJS.WritableStream): Promise<LoggerOptions> {
  const stream = destination ? { stream: destination } : {};
  const serializers = { req: requestSummary };
  if (mode === 'production') return { level: 'info', serializers, ...stream };
  if (mode === 'test') return { level: 'warn', serializers, ...stream };
  const { default: pretty } = await import('pino-pretty');
  return {
    level: 'info',
    // Synchronous in this thread: its lines keep their order with the start banner.
    stream: pretty({
      sync: true,
      ...(destination ? { destination } : {}),
      translateTime: 'HH:MM:ss',
      ignore: 'pid,hostname,reqId,res,responseTime',
      singleLine: true,
      messageFormat: requestLine,
    }),
    serializers: {
      ...serializers,
      res: (reply) => {
        const request = (reply as { request?: { method?: string; url?: string } }).request;
        return {
          method: request?.method,
          url: request?.url === undefined ? undefined : redactedUrl(request.url),
          statusCode: Number(reply.statusCode),
        };
      },
    },
    // The "request completed" line says it all; "incoming request" would double every request.
    hooks: {
      logMethod(args, method) {
        if (args.at(-1) === 'incoming request') return;
        method.apply(this, args);
      },
    },
  };
}
