// Every variable the web app's servers declare (`webSettings`): a malformed value stops
// `npm run web`'s entry at start naming the variable, the README documents exactly these,
// and `npm run web` (root script → turbo → vite preview) passes them through.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { freePort, runUntilExit } from '@astral/settings/npm-script';
import { testDeclaredSettings, throughNpmScript } from '@astral/settings/test-suite';
import { webSettings } from '../src/target.mjs';

const entry = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));

testDeclaredSettings('the web app settings', {
  app: 'web',
  settings: webSettings,
  atLeast: 3,
  // Should a malformed value be accepted, the app starts on a free port without an API (and the test fails).
  start: (env) => runUntilExit(entry, { ASTRAL_WEB_PORT: '0', ASTRAL_WEB_API_URL: 'msw', ...env }),
  readme: { file: new URL('../README.md', import.meta.url), heading: '## Configuration' },
});

it('the web app settings reach the app through npm run web', { timeout: 300_000 }, async () => {
  const port = await freePort();
  const env = { ASTRAL_WEB_PORT: String(port), ASTRAL_WEB_API_URL: 'msw' };
  await throughNpmScript('web', env, { ready: new RegExp(`web: http://127\\.0\\.0\\.1:${port}/ \\(API: msw`), ports: [port] }, async () => {
    expect(await (await fetch(`http://127.0.0.1:${port}/astral-web.json`)).json()).toEqual({ api: 'msw' });
  });
});
