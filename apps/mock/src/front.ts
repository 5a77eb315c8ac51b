/**
 * The thin HTTP front before Prism: serves the contract under its base path (`/api/v1`),
 * hands each request to Prism unchanged (minus the prefix), and lets a mode-specific hook
 * look at Prism's answer before the caller gets it.
 *
 * Why a front rather than a patched Prism: every Prism behaviour (routing, `Prefer`,
 * security check, validation, CORS and preflight, body parsing) stays Prism's own code, and
 * the only things added are the prefix and the re-dressing of its findings.
 */
import { Agent, createServer, request, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basePath, bodyLimitAt, deprecationHeadersAt, errorBody, operationAt } from '@astral/openapi';
import { securityHeaders } from '@astral/server';
import type { Exchange, PrismReply } from './exchange.js';

/** Where to send a request: Prism, or (for what Prism cannot parse) the upstream itself. */
export interface Target {
  host: string;
  port: number;
  /** Path prefix the target expects before the contract path: '' for Prism, `/api/v1` for the API. */
  prefix: string;
}

export interface FrontOptions {
  host: string;
  port: number;
  prism: Target;
  /** Chooses another target for a request (the sandbox sends bodies Prism cannot parse straight to the API). */
  route?: (exchange: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }) => Target | undefined;
  /** Sees every reply before the caller does, and may replace it. */
  onReply: (exchange: Exchange, target: Target) => PrismReply;
}

export interface RunningFront {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Bodies beyond the operation's limit (`x-astral-body-limit-bytes`: the API's, or a device-file
 * import's own) are refused 413 before they reach Prism, as the API refuses them.
 */
function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBodyBytes ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Prism reads a body that is not JSON as UTF-8 text, at most 10 MB: a device file's bytes would
 * be mangled and a large one refused. It checks only the media type of a schemaless body, so
 * an operation that takes files gets a sample of it (its first 64 KiB); the sandbox sends such
 * bodies to the API instead (proxy.ts).
 */
export const PRISM_FILE_SAMPLE_BYTES = 65_536;

/** Whether the operation at a request takes a file as itself (no JSON among its media types). */
export function takesFile(method: string, url: string): boolean {
  const types: readonly string[] = operationAt(method, url)?.requestContentTypes ?? [];
  return types.length > 0 && !types.includes('application/json');
}

/** The contract path of a URL under the base path, or undefined when it is outside it. */
export function stripBasePath(url: string): string | undefined {
  if (url === basePath) return '/';
  if (url.startsWith(`${basePath}/`) || url.startsWith(`${basePath}?`)) {
    const rest = url.slice(basePath.length);
    return rest.startsWith('?') ? `/${rest}` : rest;
  }
  return undefined;
}

function send(
  target: Target,
  method: string,
  path: string,
  headers: IncomingMessage['headers'],
  body: Buffer,
  agent: Agent,
): Promise<PrismReply> {
  const outgoing: OutgoingHttpHeaders = { ...headers, host: `${target.host}:${target.port}` };
  if (body.length > 0 || headers['content-length'] !== undefined) outgoing['content-length'] = String(body.length);
  delete outgoing['transfer-encoding'];
  return new Promise((resolve, reject) => {
    const req = request({ host: target.host, port: target.port, method, path: target.prefix + path, headers: outgoing, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const replyHeaders: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding')
            replyHeaders[name] = value;
        }
        resolve({ status: res.statusCode ?? 502, headers: replyHeaders, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function jsonReply(status: number, body: unknown): PrismReply {
  const buffer = Buffer.from(JSON.stringify(body));
  return {
    status,
    headers: { 'content-type': 'application/json', 'content-length': String(buffer.length), 'access-control-allow-origin': '*' },
    body: buffer,
  };
}

/**
 * Starts the front on host:port (port 0 picks a free one).
 *
 * @example
 * ```ts
 * const front = await startFront({ host: '127.0.0.1', port: 0, prism: { host: '127.0.0.1', port: 4599, prefix: '' },
 *   onReply: ({ reply }) => reply });
 * await fetch(`${front.url}/api/v1/races`);
 * await front.close();
 * ```
 */
export async function startFront(options: FrontOptions): Promise<RunningFront> {
  const agent = new Agent({ keepAlive: true });
  const security = securityHeaders();
  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      let reply: PrismReply;
      const path = stripBasePath(url);
      const body = await readBody(req, bodyLimitAt(method, url));
      if (path === undefined) {
        reply = jsonReply(
          404,
          errorBody('NOT_FOUND', {
            message: `Not found: the API is served under ${basePath} (try ${basePath}${url === '/' ? '/races' : url})`,
          }),
        );
      } else if (body === 'too-large') {
        reply = jsonReply(413, errorBody('PAYLOAD_TOO_LARGE'));
      } else {
        const target = options.route?.({ method, url, headers: req.headers, body }) ?? options.prism;
        const sent = target === options.prism && takesFile(method, url) ? body.subarray(0, PRISM_FILE_SAMPLE_BYTES) : body;
        try {
          const raw = await send(target, method, path, req.headers, sent, agent);
          reply = options.onReply({ method, url, requestHeaders: req.headers, reply: raw }, target);
        } catch (error) {
          reply = jsonReply(
            502,
            errorBody('INTERNAL_ERROR', { message: `The mock could not reach its backend: ${(error as Error).message}` }),
          );
        }
      }
      // The reference API's security headers (OWASP REST list) and a deprecated operation's
      // Deprecation/Sunset (from the contract), which Prism does not send.
      res.writeHead(reply.status, { ...security, ...deprecationHeadersAt(method, url), ...reply.headers });
      res.end(reply.body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(errorBody('INTERNAL_ERROR', { message: `Mock front failure: ${(error as Error).message}` })));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        agent.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
