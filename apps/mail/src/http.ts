/**
 * The web side: the inbox page and a JSON API for tests and tools.
 *
 *   GET    /                   the inbox (`?to=address` shows one recipient's mail)
 *   GET    /messages/:id       the inbox with that message open
 *   POST   /clear              empties the inbox, back to /
 *   GET    /api/messages       every message, newest first (`?to=address` filters)
 *   GET    /api/messages/:id   one message, or 404
 *   DELETE /api/messages       empties the inbox (204)
 *
 * No CORS headers, on purpose: the messages carry sign-in links and tokens, so no web page
 * on another origin may read them. Tests and tools call the API from Node, where CORS does
 * not apply.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PAGE_HEADERS, inboxPage, notFoundPage } from './page.js';
import type { MessageStore } from './store.js';

export interface InboxServerOptions {
  store: MessageStore;
  /** Where to send mail, shown on the page. */
  smtpUrl: string;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.writeHead(405, { allow, 'content-type': 'text/plain; charset=utf-8' }).end(`Method not allowed; use ${allow}`);
}

/**
 * A POST from a page of another origin (a site the developer happens to visit) is refused,
 * so no other site can empty the inbox behind their back.
 */
function fromOwnPage(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Answers one request; HEAD is answered as GET (node:http sends no body for it). */
function route(request: IncomingMessage, response: ServerResponse, { store, smtpUrl }: InboxServerOptions): void {
  const url = new URL(request.url ?? '/', 'http://inbox');
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const to = url.searchParams.get('to') || undefined;
  const page = (status: number, html: string) => void response.writeHead(status, PAGE_HEADERS).end(html);
  const messageId = /^\/(?:api\/)?messages\/([^/]+)$/.exec(url.pathname)?.[1];

  if (url.pathname === '/') {
    if (method !== 'GET') return methodNotAllowed(response, 'GET, HEAD');
    return page(200, inboxPage({ messages: store.list({ to }), smtpUrl, maxMessages: store.maxMessages }));
  }
  if (url.pathname === '/clear') {
    if (method !== 'POST') return methodNotAllowed(response, 'POST');
    if (!fromOwnPage(request))
      return void response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Cross-origin request refused');
    store.clear();
    return void response.writeHead(303, { location: '/' }).end();
  }
  if (url.pathname === '/api/messages') {
    if (method === 'GET') return json(response, 200, store.list({ to }));
    if (method === 'DELETE') {
      store.clear();
      return void response.writeHead(204).end();
    }
    return methodNotAllowed(response, 'GET, HEAD, DELETE');
  }
  if (messageId !== undefined) {
    if (method !== 'GET') return methodNotAllowed(response, 'GET, HEAD');
    const id = decodeURIComponent(messageId);
    const message = store.get(id);
    if (url.pathname.startsWith('/api/')) {
      return message ? json(response, 200, message) : json(response, 404, { error: `No message ${id}` });
    }
    if (!message) return page(404, notFoundPage(id));
    return page(200, inboxPage({ messages: store.list(), selected: message, smtpUrl, maxMessages: store.maxMessages }));
  }
  if (url.pathname.startsWith('/api/')) return json(response, 404, { error: `No such endpoint: ${url.pathname}` });
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}

/**
 * The inbox's HTTP server; `listen` is the caller's.
 *
 * @example
 * ```ts
 * const server = createInboxServer({ store, smtpUrl: 'smtp://127.0.0.1:1025' });
 * server.listen(8025, '127.0.0.1');
 * ```
 */
export function createInboxServer(options: InboxServerOptions): Server {
  return createServer((request, response) => {
    try {
      route(request, response, options);
    } catch {
      // A malformed percent-escape in the id, say: answered, never a crash.
      if (response.headersSent) response.destroy();
      else response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request');
    }
  });
}
