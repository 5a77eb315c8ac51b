// The two sites the build writes: the one to publish shows nothing of the development
// layer; the one `npm run docs` and `npm start` serve shows the development credentials and
// the try-it console.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentContractJsonPath, loadContract } from '@astral/openapi/contract';
import { developmentCredentialsOf, securitySchemesOf } from '@astral/openapi/reader';
import { describe, expect, it } from 'vitest';
import { buildDocs } from '../src/build.mjs';

const site = (name: string, file: string) => new URL(`../dist/${name}/${file}`, import.meta.url);
const credentials = Object.values(securitySchemesOf(loadContract('development'))).flatMap((scheme) =>
  Object.keys(developmentCredentialsOf(scheme)),
);

describe('the docs sites', () => {
  it('the development bundle lists development credentials (what the check below looks for)', () => {
    expect(credentials.length).toBeGreaterThan(0);
  });

  it('published: no development credential, no local server, no console', async () => {
    const html = await readFile(site('published', 'index.html'), 'utf8');
    const shown = await readFile(site('published', 'openapi.json'), 'utf8');
    for (const credential of credentials) {
      expect(html).not.toContain(credential);
      expect(shown).not.toContain(credential);
    }
    expect(shown).not.toContain('127.0.0.1');
    expect(html).not.toContain('try/#');
    expect(existsSync(site('published', 'try/index.html'))).toBe(false);
  });

  it('development: the credentials in the page and the console, which every operation links to', async () => {
    const html = await readFile(site('development', 'index.html'), 'utf8');
    const model = await readFile(site('development', 'try/operations.json'), 'utf8');
    for (const credential of credentials) {
      expect(html).toContain(credential);
      expect(model).toContain(credential);
    }
    expect(html).toContain('try/#listRaces');
  });

  it('the published site refuses the development bundle', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'astral-docs-'));
    try {
      await expect(buildDocs({ contractPath: developmentContractJsonPath, outDir, development: false })).rejects.toThrow(
        /published bundle/,
      );
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
