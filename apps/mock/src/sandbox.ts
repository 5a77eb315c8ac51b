/**
 * The stateful sandbox: the reference API (in-memory, seeded) behind Prism's validating
 * proxy. Frontend teams create, find, filter and page through realistic data while every
 * request and response is checked against the contract.
 */
import type { AddressInfo } from 'node:net';
import { createApp, type OidcSettings } from '@astral/api';
import { stderrLog, type Log } from './log.js';
import { inFrontOf, type RunningServer } from './running-server.js';
import { startValidatingProxy } from './proxy.js';

export interface SandboxOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Port; default 4011; 0 picks a free one. */
  port?: number;
  /** Where request lines and findings go; default stderr. */
  log?: Log;
  /** The bundled contract (JSON) the proxy validates against; default the one in @astral/openapi. */
  contract?: string;
  /** Where the API sends its email (`SMTP_URL`: the mail catcher of `npm start`); unset: emails stay queued. */
  smtpUrl?: string | undefined;
  /** The sender of those emails (`EMAIL_FROM`). */
  emailFrom?: string | undefined;
  /** The web app the emailed links open (`APP_URL`). */
  appUrl?: string | undefined;
  /** The OpenID Connect issuer the Firebase exchange trusts (`OIDC_*`); unset: the exchange answers 400. */
  oidc?: OidcSettings | undefined;
  /** A PostgreSQL database (`DATABASE_URL`) for the API, migrated and seeded; unset: SQLite in memory. */
  databaseUrl?: string | undefined;
}

export interface RunningSandbox extends RunningServer {
  /** The reference API itself, not behind the proxy (an ephemeral loopback port). */
  apiUrl: string;
}

/**
 * Starts the reference API on an ephemeral loopback port, in memory and seeded, and
 * Prism's validating proxy in front of it on host:port.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ port: 0 });
 * const res = await fetch(`${sandbox.url}/races?search=marathon`, { headers: { Authorization: 'Bearer dev-athlete-token' } });
 * res.headers.get('x-astral-contract-violations'); // "request=0, response=0"
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  // The URLs the API hands out (a calendar feed's) name the sandbox, known once it listens.
  let sandboxUrl: string | undefined;
  const api = createApp({
    publicUrl: () => sandboxUrl,
    mode: 'development',
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { inMemory: true }),
    email: { smtpUrl: options.smtpUrl, from: options.emailFrom, pollMs: 200 },
    ...(options.appUrl ? { appUrl: options.appUrl } : {}),
    oidc: options.oidc,
  });
  return inFrontOf(api, async () => {
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = api.app.server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    const proxy = await startValidatingProxy({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 4011,
      upstream: origin,
      log: options.log ?? stderrLog,
      name: 'sandbox',
      ...(options.contract ? { contract: options.contract } : {}),
    });
    sandboxUrl = proxy.url;
    return { url: proxy.url, apiUrl: `${origin}/api/v1`, close: () => proxy.close() };
  });
}
