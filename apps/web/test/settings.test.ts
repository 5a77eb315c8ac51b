// Every variable the web app's servers declare (`webSettings`): a malformed value stops
// `npm run web`'s entry at start naming the variable, the README documents exactly these,
// and `npm run web` (root script → turbo → vite preview) passes them through.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { documentedVariables } from '@astral/settings';
import { freePort, portClosed, runUntilExit, startNpmScript } from '@astral/settings/npm-script';
import { webSettings } from '../src/target.mjs';

const entry = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));
const names = Object.keys(webSettings) as Array<keyof typeof webSettings>;
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

describe('the web app settings', () => {
  it('declare the variables the servers read', () => expect(names.length).toBeGreaterThanOrEqual(3));

  describe.concurrent('a malformed value stops the start, naming the variable', () => {
    it.each(names)('%s', async (name) => {
      // Should a malformed value be accepted, the app starts on a free port without an API (and the test fails).
      const { code, output } = await runUntilExit(entry, {
        ASTRAL_WEB_PORT: '0',
        ASTRAL_WEB_API_URL: 'msw',
        [name]: webSettings[name].malformed,
      });
      expect(output).toMatch(new RegExp(`^web: ${name} must be `, 'm'));
      expect(code).toBe(1);
    });
  });

  it('are the variables apps/web/README.md documents under Configuration', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    expect(documentedVariables(readme, '## Configuration').sort()).toEqual([...names].sort());
  });

  it('reach the app through npm run web', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const web = startNpmScript('web', { ASTRAL_WEB_PORT: String(port), ASTRAL_WEB_API_URL: 'msw' });
    stops.push(() => web.stop());
    await web.waitFor(new RegExp(`web: http://127\\.0\\.0\\.1:${port}/ \\(API: msw`));
    expect(await (await fetch(`http://127.0.0.1:${port}/astral-web.json`)).json()).toEqual({ api: 'msw' });
    await web.stop();
    expect(await portClosed(port)).toBe(true);
  });
});
