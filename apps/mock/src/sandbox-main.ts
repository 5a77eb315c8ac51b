/** `npm run sandbox`: the reference API behind Prism's validating proxy on HOST:PORT (127.0.0.1:4011). */
import { readSandboxConfig } from './config.js';

try {
  // The API inside reads its email and sign-in settings as `npm run api` does (SMTP_URL, APP_URL, OIDC_*).
  const api = readSandboxConfig(process.env);
  // The API and Prism are loaded once the settings are known good, so a malformed one is refused at once.
  const [{ devCredentials }, { startSandbox }] = await Promise.all([import('@astral/api'), import('./sandbox.js')]);
  const sandbox = await startSandbox(api);
  // performance.now() counts from process start, so this includes loading Prism and the contract.
  const ms = Math.round(performance.now());
  process.stdout.write(
    [
      `Astral sandbox (reference API, in memory and seeded, behind Prism's validating proxy) listening on ${sandbox.url} (ready in ${ms} ms)`,
      `  credentials: Authorization: Bearer ${devCredentials.athleteToken} | Bearer ${devCredentials.adminToken} | X-API-Key: ${devCredentials.organizationKey}`,
      '  contract findings: sl-violations and x-astral-contract-violations response headers, and "!!" lines here',
      `  email: ${api.smtpUrl ? `sent over SMTP to ${new URL(api.smtpUrl).host} (links open ${api.appUrl})` : 'queued, not sent (set SMTP_URL)'}`,
      '',
    ].join('\n'),
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `npm start` with an IPC channel: it closes when npm start dies, even by SIGKILL.
  process.once('disconnect', stop);
} catch (error) {
  process.stderr.write(`sandbox: ${(error as Error).message}\n`);
  process.exit(1);
}
