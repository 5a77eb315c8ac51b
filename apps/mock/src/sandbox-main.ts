/** `npm run sandbox`: the reference API behind Prism's validating proxy on HOST:PORT (127.0.0.1:4011). */
import { devCredentials, readConfig } from '@astral/api';
import { readServerConfig } from './config.js';
import { runUntilStopped } from './run-until-stopped.js';
import { startSandbox } from './sandbox.js';

await runUntilStopped('sandbox', async () => {
  const { host, port, contract } = readServerConfig(process.env, 4011);
  // The API inside reads its email and sign-in settings as `npm run api` does (SMTP_URL, APP_URL, OIDC_*).
  const api = readConfig({ ...process.env, ASTRAL_MODE: 'development', PORT: '0' });
  const sandbox = await startSandbox({
    host,
    port,
    ...(contract ? { contract } : {}),
    smtpUrl: api.smtpUrl,
    emailFrom: api.emailFrom,
    appUrl: api.appUrl,
    oidc: api.oidc,
  });
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
