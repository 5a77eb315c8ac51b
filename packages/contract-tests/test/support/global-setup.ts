// Starts the servers a lane needs once for the run, on free loopback ports, and stops them at
// the end: the sandbox (the reference API behind Prism's validating proxy) on the lane's
// database, and on the sqlite lane the mock too. The sandbox sends its email over SMTP to a
// mail catcher and trusts a local OpenID Connect issuer, both started here too. Their log
// lines go to test-results/servers-<lane>.log rather than the test output.
//
// The postgres lane runs after `@astral/test-postgres/vitest-setup` (vitest.config.ts), which
// provides a PostgreSQL server (DATABASE_URL, else a throwaway one) or none where PostgreSQL
// cannot run: the lane then reports itself NOT RUN by name, and under CI fails here.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startMailCatcher } from '@astral/mail';
import { startMock, startSandbox } from '@astral/mock';
import { createDatabase } from '@astral/test-postgres';
import type {} from '@astral/test-postgres/vitest-setup';
import { laneDatabases, type Lane, type LaneName } from './lane.js';
import { startOidcIssuer, type OidcSettings } from './oidc-issuer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The mock's base URL (sqlite lane only; the mock has no database). */
    mockUrl: string;
    sandboxUrl: string;
    /** The mail catcher's web inbox (its JSON API under /api). */
    mailUrl: string;
    /** The issuer the sandbox trusts for the Firebase exchange, with its signing key. */
    oidc: OidcSettings;
  }
}

/** The lane's PostgreSQL databases, or why the lane cannot run; under CI, no PostgreSQL is an error. */
async function postgresDatabases(project: TestProject): Promise<Pick<Lane, 'databases' | 'notRun'>> {
  const serverUrl = project.getProvidedContext().postgresUrl;
  if (!serverUrl) {
    if (process.env.CI) throw new Error('The postgres lane of the contract tests cannot run (no PostgreSQL server): CI requires it');
    return { notRun: 'no PostgreSQL here (see the message of @astral/test-postgres above)' };
  }
  const run = `${process.pid}`;
  const entries = await Promise.all(
    laneDatabases.map(async (use) => [use, await createDatabase(serverUrl, `contract_${use.replace('-', '_')}_${run}`)] as const),
  );
  return { databases: Object.fromEntries(entries) };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const lane: LaneName = project.name === 'postgres' ? 'postgres' : 'sqlite';
  const dir = fileURLToPath(new URL('../../test-results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const logFile = `${dir}servers-${lane}.log`;
  writeFileSync(logFile, '');
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  const postgres = lane === 'postgres' ? await postgresDatabases(project) : {};
  project.provide('lane', { name: lane, ...postgres });
  if (postgres.notRun) return async () => {};

  const [mail, issuer] = await Promise.all([startMailCatcher({ smtpPort: 0, httpPort: 0 }), startOidcIssuer()]);
  const { issuer: oidcIssuer, audience, jwksUrl } = issuer.settings;
  const [mock, sandbox] = await Promise.all([
    lane === 'sqlite' ? startMock({ port: 0, log }) : undefined,
    startSandbox({
      port: 0,
      log,
      smtpUrl: mail.smtpUrl,
      oidc: { issuer: oidcIssuer, audience, jwksUrl },
      databaseUrl: postgres.databases?.sandbox,
    }),
  ]);
  if (mock) project.provide('mockUrl', mock.url);
  project.provide('sandboxUrl', sandbox.url);
  project.provide('mailUrl', mail.inboxUrl);
  project.provide('oidc', issuer.settings);
  return async () => {
    await Promise.all([mock?.close(), sandbox.close()]);
    await Promise.all([mail.close(), issuer.close()]);
  };
}
