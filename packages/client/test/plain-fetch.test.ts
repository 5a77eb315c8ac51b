// With no injected fetch, timeout or retry, resource calls go straight to the global
// `fetch(url, init)` instead of through openapi-fetch. Against a real local server, each call
// must send what `client.raw` (openapi-fetch) sends for the same operation, byte for byte
// where it matters, and fail the same way.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AstralApiError, createAstralClient } from '../src/index.js';
import { race } from './fake-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((body) => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const answer = (status: number, value: unknown) => {
        const text = JSON.stringify(value);
        response.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          'x-request-id': 'req_plain',
        });
        response.end(text);
      };
      if (request.url!.includes('race_missing')) answer(404, { error: 'Race not found', details: { code: 'NOT_FOUND', field: 'race_id' } });
      else if (request.method === 'DELETE') answer(200, { status: 'ok', message: 'Race deleted successfully' });
      else if (request.method === 'POST')
        answer(201, { status: 'ok', race_id: race.race_id, message: 'Race created successfully', data: race });
      else if (request.url!.includes('/races?') || request.url!.endsWith('/races')) {
        answer(200, { status: 'ok', data: [race], metadata: { total: 1, next_cursor: null, filters: { limit: 50 } } });
      } else answer(200, { status: 'ok', data: race });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** What the server saw, without the headers every fetch adds on its own. */
function request(index: number): Omit<Seen, 'headers'> & { headers: Record<string, unknown> } {
  const { headers, ...rest } = seen[index]!;
  const {
    host: _host,
    connection: _connection,
    'user-agent': _agent,
    'accept-encoding': _encoding,
    'accept-language': _language,
    'sec-fetch-mode': _mode,
    ...own
  } = headers;
  return { ...rest, headers: own };
}

describe('resource calls on the global fetch', () => {
  test('send what client.raw sends for the same operation', async () => {
    const client = createAstralClient({ baseUrl, token: 'ast_plain', headers: { 'X-Trace': 'a' } });
    seen.length = 0;

    expect(await client.races.get('race one/1')).toEqual(race);
    await client.raw.GET('/races/{race_id}', { params: { path: { race_id: 'race one/1' } } });

    const query = { race_type: 'run', upcoming: true, limit: 5, search: 'a&b c' } as const;
    expect(await client.races.list(query)).toEqual({ data: [race], metadata: { total: 1, next_cursor: null, filters: { limit: 50 } } });
    await client.raw.GET('/races', { params: { query } });

    const body = {
      race_name: 'Plain Run',
      race_type: 'run',
      race_subtype: '10k',
      race_date: '2027-01-01T09:00:00Z',
      race_location: 'Here',
    } as const;
    await client.races.create(body, { headers: { 'Idempotency-Key': 'key-1', 'X-Trace': 'b' } });
    await client.raw.POST('/races', { body, headers: { 'Idempotency-Key': 'key-1', 'X-Trace': 'b' } });

    await client.races.delete('race_xyz456');
    await client.raw.DELETE('/races/{race_id}', { params: { path: { race_id: 'race_xyz456' } } });

    expect(seen).toHaveLength(8);
    for (let i = 0; i < 8; i += 2) expect(request(i)).toEqual(request(i + 1));
    expect(request(0)).toMatchObject({
      method: 'GET',
      url: '/api/v1/races/race%20one%2F1',
      headers: { authorization: 'Bearer ast_plain', 'x-trace': 'a' },
    });
    expect(request(4)).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1', 'x-trace': 'b' },
      body: JSON.stringify(body),
    });
  });

  test('a create gets a fresh Idempotency-Key, and a call naming its own credential keeps it', async () => {
    const client = createAstralClient({ baseUrl, apiKey: 'org_key' });
    seen.length = 0;
    await client.races.create({
      race_name: 'Keyed',
      race_type: 'run',
      race_subtype: '5k',
      race_date: '2027-01-01T09:00:00Z',
      race_location: 'Here',
    });
    await client.races.get('race_xyz456', { headers: { Authorization: 'Bearer own' } });
    expect(request(0).headers).toMatchObject({ 'x-api-key': 'org_key', 'idempotency-key': expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(request(1).headers).toMatchObject({ authorization: 'Bearer own' });
    expect(request(1).headers['x-api-key']).toBeUndefined();
  });

  test('fail as the transport does: the API error, an abort, a network error', async () => {
    const client = createAstralClient({ baseUrl, token: 't' });
    await expect(client.races.get('race_missing')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      field: 'race_id',
      requestId: 'req_plain',
    });
    expect((await client.safe.races.get('race_missing')).error).toBeInstanceOf(AstralApiError);

    const controller = new AbortController();
    controller.abort();
    await expect(client.races.get('race_xyz456', { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED', status: 0 });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const offline = createAstralClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, token: 't' });
    await expect(offline.races.get('race_xyz456')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
