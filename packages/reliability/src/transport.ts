/**
 * Two ways to send a request (`ApiRequest`, exchange.ts): in-process through Fastify's
 * `inject` (no socket, for `npm test`) and over real HTTP to a listening server (for the
 * full run).
 */
import http from 'node:http';
import type { ApiResponse, Send } from './exchange.js';

/** The part of a Fastify instance `inject` needs. */
export interface Injectable {
  inject(options: { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    body: string;
  }>;
}

/**
 * Sends through `app.inject` (light-my-request): the whole Fastify pipeline, no socket.
 *
 * @example
 * ```ts
 * const send = injectTransport(app);
 * (await send({ operationId: 'getMe', method: 'GET', url: '/api/v1/auth/me', headers: {} })).status; // 401
 * ```
 */
export function injectTransport(app: Injectable): Send {
  return async (request) => {
    const options: Parameters<Injectable['inject']>[0] = { method: request.method, url: request.url, headers: request.headers };
    if (request.body !== undefined) options.payload = typeof request.body === 'string' ? request.body : Buffer.from(request.body);
    const response = await app.inject(options);
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
    return { status: response.statusCode, headers, body: response.body };
  };
}

/**
 * Sends over HTTP/1.1 to `baseUrl` (e.g. `http://127.0.0.1:41234`), on a keep-alive agent.
 *
 * @example
 * ```ts
 * const send = httpTransport('http://127.0.0.1:41234');
 * ```
 */
export function httpTransport(baseUrl: string, options: { agent?: http.Agent; timeoutMs?: number } = {}): Send {
  const agent = options.agent ?? new http.Agent({ keepAlive: true, maxSockets: 16 });
  const target = new URL(baseUrl);
  return (request) =>
    new Promise<ApiResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers,
          agent,
          timeout: options.timeoutMs ?? 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 10_000} ms`)));
      req.on('error', reject);
      req.end(request.body);
    });
}
