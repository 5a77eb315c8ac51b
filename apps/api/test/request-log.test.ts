// The entry point's request log: one readable line per request in development (what
// `npm start` shows between the banners), Fastify's JSON lines in production.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Mode } from '../src/config.js';
import { requestLogger } from '../src/request-log.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function logOf(mode: Mode): Promise<string[]> {
  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  const app = createApp({ mode, inMemory: true, email: { smtpUrl: undefined }, logger: await requestLogger(mode, sink) });
  close = app.close;
  await app.app.ready();
  await app.app.inject({ method: 'GET', url: '/api/v1/races?upcoming=true', headers: { authorization: 'Bearer dev-athlete-token' } });
  await app.app.inject({ method: 'GET', url: '/api/v1/races/race_missing1', headers: { authorization: 'Bearer dev-athlete-token' } });
  return written.split('\n').filter(Boolean);
}

describe('the request log', () => {
  it('is one readable line per request in development', async () => {
    const lines = await logOf('development');
    const requests = lines.filter((line) => line.includes('/api/v1/races'));
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/v1\/races\?upcoming=true 200 \d+ ms \(req [\w-]+\)$/);
    expect(requests[1]).toMatch(/INFO: GET \/api\/v1\/races\/race_missing1 404 \d+ ms/);
    expect(lines.join('\n')).not.toContain('{"level"');
  });

  it('is JSON in production', async () => {
    // Production has no development token: both requests are 401s.
    const lines = await logOf('production');
    expect(lines.length).toBeGreaterThan(0);
    const completed = lines.map((line) => JSON.parse(line) as { msg: string; reqId: string; res?: { statusCode: number } });
    expect(completed.filter((line) => line.msg === 'request completed').map((line) => line.res?.statusCode)).toEqual([401, 401]);
    expect(completed.every((line) => typeof line.reqId === 'string' || line.msg !== 'request completed')).toBe(true);
  });

  it.each(['development', 'production'] as const)('never holds a calendar feed token (%s)', async (mode) => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    // Seeded, with the development credentials, in production mode too: Maya's seeded instance.
    const app = createApp({
      mode,
      inMemory: true,
      seed: true,
      developmentCredentials: true,
      email: { smtpUrl: undefined },
      logger: await requestLogger(mode, sink),
    });
    close = app.close;
    await app.app.ready();
    const made = await app.app.inject({
      method: 'POST',
      url: '/api/v1/training/plan-instances/pli_mayafirst5k/calendar-feed',
      headers: { authorization: 'Bearer dev-athlete-token' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const url = new URL(made.json<{ data: { url: string } }>().data.url);
    const token = url.searchParams.get('feed_token')!;
    const read = await app.app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(read.statusCode).toBe(200);
    expect(written).toContain('calendar.ics?feed_token=[redacted]');
    expect(written).not.toContain(token);
    expect(written).not.toContain('astral_cf_');
  });
});
