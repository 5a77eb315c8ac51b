/** `npm run sandbox`: the reference API behind Prism's validating proxy on HOST:PORT (127.0.0.1:4011). */
import { readSandboxConfig } from './config.js';
import { runUntilStopped } from './run-until-stopped.js';

await runUntilStopped('sandbox', async () => {
  // The API inside reads its email and sign-in settings as `npm run api` does (SMTP_URL, APP_URL, OIDC_*).
  const api = readSandboxConfig(process.env);
  // The API and Prism are loaded once the settings are known good, so a malformed one is refused at once.
  const [{ devCredentials }, { startSandbox }] = await Promise.all([import('@astral/api'), import('./sandbox.js')]);
  const sandbox = await startSandbox(api);
  return {
    close: () => sandbox.close(),
    banner: (ms) =>
      [
        `Astral sandbox (reference API, in memory and seeded, behind Prism's validating proxy) listening on ${sandbox.url} (ready in ${ms} ms)`,
        `  credentials: Authorization: Bearer ${devCredentials.athleteToken} | Bearer ${devCredentials.adminToken} | X-API-Key: ${devCredentials.organizationKey}`,
        '  contract findings: sl-violations and x-astral-contract-violations response headers, and "!!" lines here',
        `  email: ${api.smtpUrl ? `sent over SMTP to ${new URL(api.smtpUrl).host} (links open ${api.appUrl})` : 'queued, not sent (set SMTP_URL)'}`,
        '',
      ].join('\n'),
  };
});
