// Starts the mock and the sandbox (the reference API behind Prism's validating proxy) once
// for the run, on free loopback ports, and stops them at the end. The sandbox sends its email
// over SMTP to a mail catcher and trusts a local OpenID Connect issuer, both started here
// too. Their log lines go to test-results/servers.log rather than the test output.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startMailCatcher } from '@astral/mail';
import { startMock, startSandbox } from '@astral/mock';
import { startOidcIssuer, type OidcSettings } from './oidc-issuer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    sandboxUrl: string;
    /** The mail catcher's web inbox (its JSON API under /api). */
    mailUrl: string;
    /** The issuer the sandbox trusts for the Firebase exchange, with its signing key. */
    oidc: OidcSettings;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fileURLToPath(new URL('../../test-results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const logFile = `${dir}servers.log`;
  writeFileSync(logFile, '');
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  const [mail, issuer] = await Promise.all([startMailCatcher({ smtpPort: 0, httpPort: 0 }), startOidcIssuer()]);
  const { issuer: oidcIssuer, audience, jwksUrl } = issuer.settings;
  const [mock, sandbox] = await Promise.all([
    startMock({ port: 0, log }),
    startSandbox({ port: 0, log, smtpUrl: mail.smtpUrl, oidc: { issuer: oidcIssuer, audience, jwksUrl } }),
  ]);
  project.provide('mockUrl', mock.url);
  project.provide('sandboxUrl', sandbox.url);
  project.provide('mailUrl', mail.inboxUrl);
  project.provide('oidc', issuer.settings);
  return async () => {
    await Promise.all([mock.close(), sandbox.close()]);
    await Promise.all([mail.close(), issuer.close()]);
  };
}
