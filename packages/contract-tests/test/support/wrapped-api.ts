// The reference API on a wrapped storage (failing, stalling), listening on a free loopback
// port behind Prism's validating proxy like the sandbox, for the answers only a misbehaving
// database produces. The storage wrapped is the lane's database (support/lane.ts).
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp, type App } from '@astral/api';
import { startValidatingProxy } from '@astral/mock';

const log = (line: string) =>
  appendFileSync(new URL(`../../test-results/servers-${inject('lane').name}.log`, import.meta.url), `${line}\n`);

export interface WrappedApi {
  /** The proxy's base URL (`…/api/v1`). */
  url: string;
  close(): Promise<void>;
}

/**
 * Builds a real, migrated and seeded storage, hands it to `wrap`, and serves the API on what
 * `wrap` returns; `prepare` may add hooks to the app before it listens. The Firebase exchange
 * trusts the run's local issuer.
 */
export async function startWrappedApi(
  name: 'faults' | 'in-flight',
  wrap: (repository: App['repository']) => App['repository'],
  prepare?: (app: App['app']) => void,
): Promise<WrappedApi> {
  // The real storage to wrap, on the lane's database (its own app never listens).
  const databaseUrl = inject('lane').databases?.[name];
  const base = createApp({ mode: 'test', ...(databaseUrl ? { databaseUrl } : { inMemory: true }) });
  await base.app.ready();
  const { issuer, audience, jwksUrl } = inject('oidc');
  const api = createApp({ mode: 'test', repository: wrap(base.repository), seed: false, oidc: { issuer, audience, jwksUrl } });
  prepare?.(api.app);
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = api.app.server.address() as AddressInfo;
  const proxy = await startValidatingProxy({ port: 0, upstream: `http://127.0.0.1:${port}`, log, name });
  return {
    url: proxy.url,
    close: async () => {
      await proxy.close();
      await api.close();
      await base.close();
    },
  };
}
