// Every variable the API declares (`apiSettings`): a malformed value stops `node dist/main.js`
// at start with exit code 1 and a message naming the variable, and the README's
// configuration table documents exactly the declared variables.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentedVariables } from '@astral/settings';
import { runUntilExit } from '@astral/settings/npm-script';
import { apiSettings } from '../src/config.js';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const names = Object.keys(apiSettings) as Array<keyof typeof apiSettings>;
// Should a malformed value be accepted, the server starts here instead (and the test fails).
const harmless = {
  PORT: '0',
  ASTRAL_IN_MEMORY: '1',
  DATABASE_URL: '',
  SMTP_URL: '',
  OIDC_ISSUER: '',
  OIDC_AUDIENCE: '',
  OIDC_JWKS_URL: '',
};

describe('the API settings', () => {
  it('declares the variables the API reads', () => expect(names.length).toBeGreaterThanOrEqual(14));

  describe.concurrent('a malformed value stops the start, naming the variable', () => {
    it.each(names)('%s', async (name) => {
      const { code, output } = await runUntilExit(mainJs, { ...harmless, [name]: apiSettings[name].malformed });
      expect(output).toMatch(new RegExp(`^astral-api: ${name} must be `, 'm'));
      expect(code).toBe(1);
    });
  });

  it('are the variables apps/api/README.md documents under Configuration', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    expect(documentedVariables(readme, '## Configuration').sort()).toEqual([...names].sort());
  });
});
