// The package as consumers get it: built, packed, resolvable, browser-safe and small.
// Needs `dist/` (turbo runs `build` before `test`).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { measureSize } from '../scripts/measure-size.mjs';

const distDir = new URL('../dist/', import.meta.url);
/**
 * The budget of the runtime, minified and gzipped: openapi-fetch is about 3 kB of it, the
 * operation table most of the rest, and it grows with the contract (62 operations: 8.7 kB).
 */
const GZIP_BUDGET_BYTES = 12 * 1024;

describe('packaging', () => {
  test('publint and attw (esm-only profile) find no problem in the packed package', async () => {
    const script = new URL('../scripts/check-package.mjs', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [script], { encoding: 'utf8' });
    expect(stdout).toContain('check:package: publint and attw found no problem');
  }, 120_000); // npm pack plus two CLIs: about 3 s alone, far more on a busy machine

  test('the runtime has no node: import and never loads the contract document', () => {
    const files = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
    expect(files).toContain('index.js');
    for (const file of files) {
      const source = readFileSync(new URL(file, distDir), 'utf8');
      expect(source, file).not.toMatch(/from ['"]node:|import\(['"]node:/);
      expect(source, file).not.toMatch(/@astral\/openapi\/contract|openapi\.json/);
    }
  });

  test('bundled for browsers with openapi-fetch, minified and gzipped, it stays under budget', async () => {
    const { gzipped, inputs } = (await measureSize()) as { gzipped: number; inputs: string[] };
    expect(inputs.some((input) => input.includes('openapi-fetch'))).toBe(true);
    expect(inputs.filter((input) => /contract|\.json$/.test(input))).toEqual([]);
    expect(gzipped).toBeLessThan(GZIP_BUDGET_BYTES);
  });
});
