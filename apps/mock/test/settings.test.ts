// Every variable the mock and the sandbox declare (`mockSettings`, `sandboxSettings`): a
// malformed value stops the entry point at start naming the variable, the README documents
// exactly these, and `npm run mock` / `npm run sandbox` (root script → turbo → the server)
// pass them through.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startMailCatcher } from '@astral/mail';
import { freePort, runUntilExit } from '@astral/settings/npm-script';
import { testDeclaredSettings, throughNpmScript } from '@astral/settings/test-suite';
import { mockSettings, sandboxSettings } from '../src/config.js';

const readme = new URL('../README.md', import.meta.url);
const contractJson = createRequire(import.meta.url).resolve('@astral/openapi/openapi.json');
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

for (const [app, settings, entry, heading] of [
  ['mock', mockSettings, '../dist/mock-main.js', '### The mock'],
  ['sandbox', sandboxSettings, '../dist/sandbox-main.js', '### The sandbox'],
] as const) {
  testDeclaredSettings(`the ${app} settings`, {
    app,
    settings,
    atLeast: 3,
    start: (env) => runUntilExit(fileURLToPath(new URL(entry, import.meta.url)), { PORT: '0', ...env }),
    readme: { file: readme, heading },
  });
}

describe('through the npm scripts', () => {
  it('npm run mock passes HOST, PORT, ASTRAL_MOCK_DYNAMIC and ASTRAL_CONTRACT_JSON', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const env = { HOST: '127.0.0.1', PORT: String(port), ASTRAL_MOCK_DYNAMIC: '1', ASTRAL_CONTRACT_JSON: contractJson };
    const ready = /Astral mock \(Prism, dynamic responses\) listening on http:\/\/127\.0\.0\.1:\d+/;
    await throughNpmScript('mock', env, { ready, ports: [port] }, async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/races/race_abc`, { headers: { 'x-api-key': 'any' } });
      expect(res.status).toBe(200);
      // Generated, not the contract's example.
      expect(((await res.json()) as { data: { race_id: string } }).data.race_id).not.toBe('race_xyz456');
    });
  });

  it('npm run sandbox passes PORT and the API settings SMTP_URL, EMAIL_FROM and APP_URL', { timeout: 240_000 }, async () => {
    const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    cleanups.push(() => mail.close());
    const port = await freePort();
    const env = {
      PORT: String(port),
      SMTP_URL: mail.smtpUrl,
      EMAIL_FROM: 'Race Desk <races@example.test>',
      APP_URL: 'https://app.example.test',
    };
    const ready = new RegExp(`listening on http://127\\.0\\.0\\.1:${port}/api/v1`);
    await throughNpmScript('sandbox', env, { ready, ports: [port] }, async () => {
      const requested = await fetch(`http://127.0.0.1:${port}/api/v1/auth/request-verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'lena@example.com' }),
      });
      expect(requested.status).toBe(200);
      const email = await mail.waitFor((message) => message.to.includes('lena@example.com'), 30_000);
      expect(email.from).toContain('races@example.test');
      expect(email.links[0]).toMatch(/^https:\/\/app\.example\.test\/signup\?token=astral_ev_/);
    });
  });
});
