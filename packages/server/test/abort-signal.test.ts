// The handler's `signal` (made when a handler first reads it): aborted when the client goes
// away before the response is complete, and only then.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { auth, buildApp } from './helpers.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const notFound = { status: 404, body: { error: 'Race not found', details: { code: 'NOT_FOUND', field: 'race_id' } } } as const;

describe('the handler signal', () => {
  it('is aborted when the client goes away before the answer', async () => {
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let sawAbort!: () => void;
    const aborted = new Promise<void>((resolve) => (sawAbort = resolve));
    ({ app } = buildApp({
      getRace: async ({ signal }) => {
        signal.addEventListener('abort', () => sawAbort());
        started();
        await aborted;
        return notFound;
      },
    }));
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const client = new AbortController();
    const request = fetch(`${origin}/api/v1/races/race_slow1`, { headers: auth, signal: client.signal }).catch(() => undefined);
    await handlerStarted;
    client.abort();
    await aborted;
    await request;
  });

  it('is not aborted when the answer completes', async () => {
    let seen: AbortSignal | undefined;
    ({ app } = buildApp({
      getRace: async (context) => {
        seen = context.signal;
        return notFound;
      },
    }));
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${origin}/api/v1/races/race_done1`, { headers: auth });
    expect(response.status).toBe(404);
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen?.aborted).toBe(false);
  });
});
