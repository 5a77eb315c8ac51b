// Every variable the docs server declares (`docsSettings`): a malformed value stops
// `npm run docs`'s entry at start naming the variable, the README documents exactly these,
// and `npm run docs` (root script → turbo → the server) passes them through.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { freePort, runUntilExit } from '@astral/settings/npm-script';
import { testDeclaredSettings, throughNpmScript } from '@astral/settings/test-suite';
import { docsSettings } from '../src/settings.mjs';

const entry = fileURLToPath(new URL('../scripts/serve-docs.mjs', import.meta.url));

testDeclaredSettings('the docs settings', {
  app: 'docs',
  settings: docsSettings,
  atLeast: 8,
  start: (env) => runUntilExit(entry, { PORT: '0', ...env }),
  readme: { file: new URL('../README.md', import.meta.url), heading: '## Configuration' },
});

it('the docs settings reach the server through npm run docs', { timeout: 300_000 }, async () => {
  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    ASTRAL_MOCK_URL: 'http://127.0.0.1:4999/api/v1',
    ASTRAL_SANDBOX_PORT: '4998',
  };
  await throughNpmScript('docs', env, { ready: new RegExp(`docs: http://127\\.0\\.0\\.1:${port}/`), ports: [port] }, async () => {
    const targets = await (await fetch(`http://127.0.0.1:${port}/try/targets.json`)).json();
    expect(targets).toEqual([
      { name: 'mock', url: 'http://127.0.0.1:4999/api/v1' },
      { name: 'sandbox', url: 'http://127.0.0.1:4998/api/v1' },
    ]);
  });
});
