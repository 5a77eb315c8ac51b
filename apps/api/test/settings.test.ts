// Every variable the API declares (`apiSettings`): a malformed value stops `node dist/main.js`
// at start with exit code 1 and a message naming the variable, and the README's
// configuration table documents exactly the declared variables.
import { fileURLToPath } from 'node:url';
import { runUntilExit } from '@astral/settings/npm-script';
import { testDeclaredSettings } from '@astral/settings/test-suite';
import { apiSettings } from '../src/config.js';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const harmless = {
  PORT: '0',
  ASTRAL_IN_MEMORY: '1',
  DATABASE_URL: '',
  SMTP_URL: '',
  OIDC_ISSUER: '',
  OIDC_AUDIENCE: '',
  OIDC_JWKS_URL: '',
};

testDeclaredSettings('the API settings', {
  app: 'astral-api',
  settings: apiSettings,
  atLeast: 14,
  start: (env) => runUntilExit(mainJs, { ...harmless, ...env }),
  readme: { file: new URL('../README.md', import.meta.url), heading: '## Configuration' },
});
