// Every variable the docs server declares (`docsSettings`): a malformed value stops
// `npm run docs`'s entry at start naming the variable, the README documents exactly these,
// and `npm run docs` (root script → turbo → the server) passes them through.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { documentedVariables } from '@astral/settings';
import { freePort, portClosed, runUntilExit, startNpmScript } from '@astral/settings/npm-script';
import { docsSettings } from '../src/settings.mjs';

const entry = fileURLToPath(new URL('../scripts/serve-docs.mjs', import.meta.url));
const names = Object.keys(docsSettings) as Array<keyof typeof docsSettings>;
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

describe('the docs settings', () => {
  it('declare the variables the docs server reads', () => expect(names.length).toBeGreaterThanOrEqual(8));

  describe.concurrent('a malformed value stops the start, naming the variable', () => {
    it.each(names)('%s', async (name) => {
      // Should a malformed value be accepted, the server starts on a free port (and the test fails).
      const { code, output } = await runUntilExit(entry, {
        PORT: '0',
        [name]: docsSettings[name].malformed,
      });
      expect(output).toMatch(new RegExp(`^docs: ${name} must be `, 'm'));
      expect(code).toBe(1);
    });
  });

  it('are the variables apps/docs/README.md documents under Configuration', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    expect(documentedVariables(readme, '## Configuration').sort()).toEqual([...names].sort());
  });

  it('reach the server through npm run docs', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const docs = startNpmScript('docs', {
      PORT: String(port),
      HOST: '127.0.0.1',
      ASTRAL_MOCK_URL: 'http://127.0.0.1:4999/api/v1',
      ASTRAL_SANDBOX_PORT: '4998',
    });
    stops.push(() => docs.stop());
    await docs.waitFor(new RegExp(`docs: http://127\\.0\\.0\\.1:${port}/`));
    const targets = await (await fetch(`http://127.0.0.1:${port}/try/targets.json`)).json();
    expect(targets).toEqual([
      { name: 'mock', url: 'http://127.0.0.1:4999/api/v1' },
      { name: 'sandbox', url: 'http://127.0.0.1:4998/api/v1' },
    ]);
    await docs.stop();
    expect(await portClosed(port)).toBe(true);
  });
});
