// Every variable the mock and the sandbox declare (`mockSettings`, `sandboxSettings`): a
// malformed value stops the entry point at start naming the variable, the README documents
// exactly these, and `npm run mock` / `npm run sandbox` (root script → turbo → the server)
// pass them through.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startMailCatcher } from '@astral/mail';
import { documentedVariables, type Settings } from '@astral/settings';
import { freePort, portClosed, runUntilExit, startNpmScript } from '@astral/settings/npm-script';
import { mockSettings, sandboxSettings } from '../src/config.js';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const contractJson = createRequire(import.meta.url).resolve('@astral/openapi/openapi.json');
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const servers: Array<{ name: string; entry: string; settings: Settings; heading: string }> = [
  { name: 'mock', entry: '../dist/mock-main.js', settings: mockSettings, heading: '### The mock' },
  { name: 'sandbox', entry: '../dist/sandbox-main.js', settings: sandboxSettings, heading: '### The sandbox' },
];

describe.each(servers)('the $name settings', ({ name, entry, settings, heading }) => {
  const names = Object.keys(settings);
  it('declare the variables the server reads', () => expect(names.length).toBeGreaterThanOrEqual(3));

  describe.concurrent('a malformed value stops the start, naming the variable', () => {
    it.each(names)('%s', async (variable) => {
      // Should a malformed value be accepted, the server starts on a free port (and the test fails).
      const { code, output } = await runUntilExit(fileURLToPath(new URL(entry, import.meta.url)), {
        PORT: '0',
        [variable]: settings[variable]!.malformed,
      });
      expect(output).toMatch(new RegExp(`^${name}: ${variable} must be `, 'm'));
      expect(code).toBe(1);
    });
  });

  it(`are the variables apps/mock/README.md documents under "${heading}"`, () => {
    expect(documentedVariables(readme, heading).sort()).toEqual([...names].sort());
  });
});

describe('through the npm scripts', () => {
  it('npm run mock passes HOST, PORT, ASTRAL_MOCK_DYNAMIC and ASTRAL_CONTRACT_JSON', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const mock = startNpmScript('mock', {
      HOST: '127.0.0.1',
      PORT: String(port),
      ASTRAL_MOCK_DYNAMIC: '1',
      ASTRAL_CONTRACT_JSON: contractJson,
    });
    cleanups.push(() => mock.stop());
    await mock.waitFor(/Astral mock \(Prism, dynamic responses\) listening on http:\/\/127\.0\.0\.1:\d+/);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/races/race_abc`, { headers: { 'x-api-key': 'any' } });
    expect(res.status).toBe(200);
    // Generated, not the contract's example.
    expect(((await res.json()) as { data: { race_id: string } }).data.race_id).not.toBe('race_xyz456');
    await mock.stop();
    expect(await portClosed(port)).toBe(true);
  });

  it('npm run sandbox passes PORT and the API settings SMTP_URL, EMAIL_FROM and APP_URL', { timeout: 240_000 }, async () => {
    const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    cleanups.push(() => mail.close());
    const port = await freePort();
    const sandbox = startNpmScript('sandbox', {
      PORT: String(port),
      SMTP_URL: mail.smtpUrl,
      EMAIL_FROM: 'Race Desk <races@example.test>',
      APP_URL: 'https://app.example.test',
    });
    cleanups.push(() => sandbox.stop());
    await sandbox.waitFor(new RegExp(`listening on http://127\\.0\\.0\\.1:${port}/api/v1`));
    const requested = await fetch(`http://127.0.0.1:${port}/api/v1/auth/request-verification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lena@example.com' }),
    });
    expect(requested.status).toBe(200);
    const email = await mail.waitFor((message) => message.to.includes('lena@example.com'), 30_000);
    expect(email.from).toContain('races@example.test');
    expect(email.links[0]).toMatch(/^https:\/\/app\.example\.test\/signup\?token=astral_ev_/);
    await sandbox.stop();
    expect(await portClosed(port)).toBe(true);
  });
});
