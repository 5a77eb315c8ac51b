// The reference API's CORS defaults, over real HTTP on 127.0.0.1: in development a page on
// localhost (any port) may call it, in production no origin may unless CORS_ORIGINS names it.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../src/app.js';

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()));
});

async function listening(options: AppOptions): Promise<string> {
  const { app, close } = createApp({ inMemory: true, ...options });
  opened.push(close);
  return `${await app.listen({ host: '127.0.0.1', port: 0 })}/api/v1`;
}

const preflight = (base: string, origin: string) =>
  fetch(`${base}/races`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });

describe('CORS on the reference API', () => {
  it('allows pages on localhost and 127.0.0.1, any port, in development', async () => {
    const base = await listening({ mode: 'development' });
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080']) {
      const answer = await preflight(base, origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-headers')).toBe('Authorization, X-API-Key, Idempotency-Key, Content-Type');
      const races = await fetch(`${base}/races?limit=2`, { headers: { origin, authorization: 'Bearer dev-athlete-token' } });
      expect(races.status).toBe(200);
      expect(races.headers.get('access-control-allow-origin')).toBe(origin);
      expect(races.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    }
    const elsewhere = await preflight(base, 'https://evil.example.com');
    expect(elsewhere.status).toBe(405);
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin in production unless it is listed', async () => {
    const closed = await listening({ mode: 'production', seed: false });
    const answer = await preflight(closed, 'http://localhost:5173');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('vary')).toBeNull();

    const listed = await listening({ mode: 'production', seed: false, corsOrigins: ['https://app.example.com'] });
    expect((await preflight(listed, 'https://app.example.com')).status).toBe(204);
    expect((await preflight(listed, 'http://localhost:5173')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
