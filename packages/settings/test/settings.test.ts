// Reading a declaration: fallbacks for unset and empty values, each parser's valid values,
// and every parser's own malformed sample refused with a message naming the variable.
import { describe, expect, it } from 'vitest';
import {
  defineSettings,
  describeSettings,
  directory,
  documentedVariables,
  file,
  flag,
  host,
  integer,
  oneOf,
  port,
  readSettings,
  SettingsError,
  text,
  url,
} from '../src/index.js';

const sample = defineSettings({
  PORT: port({ fallback: 3000, description: 'TCP port' }),
  HOST: host({ fallback: '127.0.0.1', description: 'interface' }),
  POOL: integer({ fallback: 10, min: 1, max: 1000, description: 'pool size' }),
  MODE: oneOf(['development', 'production'], { fallback: 'development', description: 'mode' }),
  IN_MEMORY: flag({ description: 'in memory' }),
  APP_URL: url({ fallback: 'http://127.0.0.1:5173', description: 'web app' }),
  SMTP_URL: url({ fallback: undefined, protocols: ['smtp:', 'smtps:'], secret: true, description: 'mail server' }),
  API_URL: url({ fallback: undefined, also: ['msw'], description: 'the API or msw' }),
  AUDIENCE: text({ fallback: undefined, pattern: /^\S+$/, expected: 'one word', malformed: 'two words', description: 'audience' }),
  DATA_DIR: directory({ fallback: undefined, description: 'data folder' }),
  CONTRACT: file({ fallback: undefined, description: 'a contract' }),
});

describe('readSettings', () => {
  it('gives the fallbacks for unset and empty variables', () => {
    expect(readSettings(sample, { PORT: '', HOST: '  ' })).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      POOL: 10,
      MODE: 'development',
      IN_MEMORY: false,
      APP_URL: 'http://127.0.0.1:5173',
      SMTP_URL: undefined,
      API_URL: undefined,
      AUDIENCE: undefined,
      DATA_DIR: undefined,
      CONTRACT: undefined,
    });
  });

  it('reads valid values', () => {
    expect(
      readSettings(sample, {
        PORT: '0',
        HOST: '::1',
        POOL: '1000',
        MODE: 'production',
        IN_MEMORY: 'true',
        APP_URL: 'https://app.example.com/',
        SMTP_URL: 'smtps://u:p@mail.example.com:465',
        API_URL: 'msw',
        AUDIENCE: 'astral-app',
        DATA_DIR: import.meta.dirname,
        CONTRACT: import.meta.filename,
      }),
    ).toMatchObject({
      PORT: 0,
      HOST: '::1',
      POOL: 1000,
      MODE: 'production',
      IN_MEMORY: true,
      API_URL: 'msw',
      DATA_DIR: import.meta.dirname,
    });
  });

  const names = Object.keys(sample);
  it('has settings to refuse', () => expect(names.length).toBeGreaterThan(0));
  it.each(names)('refuses a malformed %s, naming it', (name) => {
    const setting = sample[name as keyof typeof sample];
    const read = () => readSettings(sample, { [name]: setting.malformed });
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(new RegExp(`^${name} must be `));
  });

  it('never echoes a secret', () => {
    expect(() => readSettings(sample, { SMTP_URL: 'http://user:hunter2@mail' })).toThrow(
      'SMTP_URL must be a URL with a host, starting with smtp:// or smtps://',
    );
    expect(() => readSettings(sample, { SMTP_URL: 'http://user:hunter2@mail' })).not.toThrow(/hunter2/);
    expect(() => readSettings(sample, { PORT: '70000' })).toThrow('PORT must be an integer from 0 to 65535, got "70000"');
  });

  it('refuses names that are not environment variable names', () => {
    expect(() => defineSettings({ port: port({ fallback: 1, description: 'x' }) })).toThrow(/upper-case/);
  });

  it('lists the declared names with their descriptions', () => {
    expect(describeSettings(sample).slice(0, 2)).toEqual([
      { name: 'PORT', description: 'TCP port' },
      { name: 'HOST', description: 'interface' },
    ]);
  });
});

describe('documentedVariables', () => {
  const readme = [
    '# App',
    '## Configuration',
    'Read in one place.',
    '',
    '| variable | default |',
    '| --- | --- |',
    '| `PORT` | `3000` |',
    '| `OIDC_ISSUER`, `OIDC_AUDIENCE` | unset; see `NOT_THIS` |',
    '',
    '| `LATER_TABLE` | x |',
    '## Next',
  ].join('\n');
  it('reads the first column of the first table under the heading', () => {
    expect(documentedVariables(readme, '## Configuration')).toEqual(['PORT', 'OIDC_ISSUER', 'OIDC_AUDIENCE']);
  });
  it('says when the section is missing', () => {
    expect(() => documentedVariables(readme, '## Settings')).toThrow('no "## Settings" section');
  });
});
