// A small static server for the built site (node:http, no dependencies). It reads files on
// each request, so a rebuilt site is served at once, without a restart.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Where the try-it console sends requests (`/try/targets.json`); the page falls back to the contract's local servers. */
const TARGETS_PATH = '/try/targets.json';

/** @typedef {import('./settings.mjs').ConsoleTarget} ConsoleTarget */

/**
 * A server for the files under `root`; `/` is `index.html`. Only GET and HEAD. With
 * `targets`, it also tells the try-it console where to send requests.
 *
 * @example
 * const server = createDocsServer({ root: 'apps/docs/dist', targets: readDocsConfig().targets });
 * server.listen(8080, '127.0.0.1');
 *
 * @param {{ root: string, targets?: ConsoleTarget[] }} options
 */
export function createDocsServer({ root, targets }) {
  const base = normalize(root + sep);
  const targetsJson = targets ? Buffer.from(JSON.stringify(targets)) : undefined;
  return createServer((request, response) => {
    if (targetsJson && request.method === 'GET' && request.url?.split('?')[0] === TARGETS_PATH) {
      response.writeHead(200, { 'content-type': TYPES['.json'], 'content-length': targetsJson.length, 'cache-control': 'no-cache' });
      response.end(targetsJson);
      return;
    }
    // The listener's promise is not awaited by node:http: a rejection (a malformed
    // percent-encoding throws in decodeURIComponent) would be unhandled and end the process.
    serveFile(base, request, response).catch(() => {
      if (response.headersSent) response.destroy();
      else response.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    });
  });
}

/** Answers one request with the file under `base` it names. */
async function serveFile(base, request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const file = normalize(join(base, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
  if (!file.startsWith(base)) {
    response.writeHead(404).end('not found');
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/**
 * Starts the server and resolves once it listens; `port: 0` picks a free port.
 *
 * @example
 * const { url, close } = await serveDocs({ root: 'apps/docs/dist', port: 0, targets: readDocsConfig().targets });
 *
 * @param {{ root: string, port: number, host?: string, targets?: ConsoleTarget[] }} options
 * @returns {Promise<{ url: string, port: number, close: () => Promise<unknown> }>}
 */
export function serveDocs({ root, port, host = '127.0.0.1', targets }) {
  const server = createDocsServer({ root, targets });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${actualPort}/`,
        port: actualPort,
        close: () => new Promise((done) => server.close(() => done(undefined))),
      });
    });
  });
}
