// CORS as a browser sees it, over real HTTP on 127.0.0.1: the allowlist, preflights that
// allow what the contract allows for the path, the exposed headers, and no CORS header at
// all for an origin not on the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable, responseHeaderNames } from '@astral/openapi';
import { originMatcher, originPatternProblem } from '../src/index.js';
import { auth, buildApp } from './helpers.js';

const page = 'http://localhost:5173';

describe('CORS over HTTP', () => {
  const { app } = buildApp({}, { cors: { origins: ['http://localhost:*', 'https://app.example.com'] } });
  let base = '';
  beforeAll(async () => {
    base = `${await app.listen({ host: '127.0.0.1', port: 0 })}/api/v1`;
  });
  afterAll(() => app.close());

  const preflight = (path: string, method: string, origin = page, headers = 'authorization,content-type') =>
    fetch(base + path, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it("answers a preflight with the path's methods and the headers its operations take, from the contract", async () => {
    const response = await preflight('/races', 'POST');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(page);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual(operationTable.createRace.requestHeaders);
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, X-API-Key, Idempotency-Key, Content-Type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lists the methods of a templated path, and the browser refuses one it does not list', async () => {
    const response = await preflight('/races/race_xyz456', 'PATCH');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('DELETE, GET, PUT');
  });

  it('fails the preflight of a path the contract does not have with the usual 404', async () => {
    const response = await preflight('/nowhere', 'GET');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ details: { code: 'NOT_FOUND' } });
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('gives an allowed origin the answer and the headers browser code may read', async () => {
    const response = await fetch(`${base}/races?limit=1`, { headers: { ...auth, origin: 'https://app.example.com' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const exposed = response.headers.get('access-control-expose-headers')?.split(', ');
    expect(exposed).toEqual(expect.arrayContaining(['X-Request-Id', 'Idempotent-Replayed', ...responseHeaderNames]));
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('puts the CORS headers on errors too, so a page can read a 400 or 401', async () => {
    const bad = await fetch(`${base}/races?race_type=rowing`, { headers: { ...auth, origin: page } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(page);
    const anonymous = await fetch(`${base}/races`, { headers: { origin: page } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(page);
    // A URL Fastify cannot decode never reaches the routes or hooks (frameworkErrors).
    const undecodable = await fetch(`${base}/races/%E0%A4%A`, { headers: { ...auth, origin: page } });
    expect(undecodable.status).toBe(400);
    expect(undecodable.headers.get('access-control-allow-origin')).toBe(page);
  });

  it('sends no CORS header to an origin not on the list, on a preflight or a request', async () => {
    for (const origin of ['https://evil.example.com', 'http://localhost.evil.example.com:5173', 'null', 'https://app.example.com:8443']) {
      const answer = await preflight('/races', 'GET', origin);
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET, POST');
      const response = await fetch(`${base}/races?limit=1`, { headers: { ...auth, origin } });
      expect(response.status).toBe(200);
      for (const header of [answer.headers, response.headers]) {
        expect([...header.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(header.get('vary')).toBe('Origin');
      }
    }
  });

  it('answers a plain OPTIONS (no preflight) as before: 405 with Allow', async () => {
    const response = await fetch(`${base}/races`, { method: 'OPTIONS', headers: { origin: page } });
    expect(response.status).toBe(405);
    expect(response.headers.get('access-control-allow-origin')).toBe(page);
  });
});

describe('a server without CORS origins', () => {
  it('sends no CORS header and no Vary, and keeps OPTIONS a 405', async () => {
    const { app } = buildApp({}, { cors: { origins: [] } });
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/races',
      headers: { origin: page, 'access-control-request-method': 'GET' },
    });
    expect(response.statusCode).toBe(405);
    expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-') || name === 'vary')).toEqual([]);
  });
});

describe('origin allowlist entries', () => {
  it('match exact origins, any port with :*, and the default port written or not', () => {
    const allowed = originMatcher(['http://127.0.0.1:*', 'https://app.example.com:443', 'http://[::1]:3000']);
    expect(allowed('http://127.0.0.1:5173')).toBe(true);
    expect(allowed('http://127.0.0.1')).toBe(true);
    expect(allowed('https://127.0.0.1:5173')).toBe(false);
    expect(allowed('https://app.example.com')).toBe(true);
    expect(allowed('http://[::1]:3000')).toBe(true);
    expect(allowed('http://[::1]:3001')).toBe(false);
    expect(allowed('http://127.0.0.1.evil.example.com')).toBe(false);
  });

  it('refuse what is not an origin', () => {
    for (const bad of ['localhost:5173', 'http://localhost:5173/', 'http://localhost/app', 'ftp://example.com', '*', 'http://a:70000']) {
      expect(originPatternProblem(bad)).toBeTypeOf('string');
      expect(() => originMatcher([bad])).toThrow(TypeError);
    }
    expect(originPatternProblem('HTTPS://App.Example.com')).toBeUndefined();
  });
});
