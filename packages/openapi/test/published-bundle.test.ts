// One source, two bundles: the published contract carries nothing of the development layer
// (redocly.yaml's `published` API, Redocly's remove-x-internal decorator); the development
// bundle still carries it, for the mock, the sandbox, the try-it console and `npm start`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { developmentCredentialsOf, securitySchemesOf } from '../src/reader/index.js';
import { bundled, developmentBundle } from './bundled.js';

const text = (document: unknown) => JSON.stringify(document);
const publishedYaml = readFileSync(new URL('../dist/contract/openapi.yaml', import.meta.url), 'utf8');

const credentials = Object.values(securitySchemesOf(developmentBundle)).flatMap((scheme) => Object.keys(developmentCredentialsOf(scheme)));
const localServers = developmentBundle.servers.filter((server: any) => server['x-internal']).map((server: any) => server.url);

// Words that belong to how this repository builds and runs the API, not to the API.
const DEVELOPMENT_WORDS = [
  /\bdev-[a-z]+-(token|key)\b/,
  /\bthe seed\b/i,
  /admin CLI/i,
  /admin tool/i,
  /before keys had/i,
  /\bbundl(ed|er|ing)\b/i,
  /\bPrism\b/,
  /npm (start|run)/,
];

describe('the published bundle', () => {
  it('has development material to leave out (the development bundle lists credentials and local servers)', () => {
    expect(credentials.length).toBeGreaterThan(0);
    expect(localServers.length).toBeGreaterThan(0);
  });

  it('contains no development credential and no local server, in JSON or YAML', () => {
    for (const value of [...credentials, ...localServers]) {
      expect(text(bundled), value).not.toContain(value);
      expect(publishedYaml, value).not.toContain(value);
    }
    expect(text(bundled)).not.toContain('x-internal":true');
  });

  it('mentions no development tooling (seed, admin CLI, bundler, mock server, npm scripts)', () => {
    for (const pattern of DEVELOPMENT_WORDS) expect(text(bundled), String(pattern)).not.toMatch(pattern);
  });

  it('is the development bundle less its x-internal parts: the same operations and schemas', () => {
    expect(Object.keys(bundled.paths)).toEqual(Object.keys(developmentBundle.paths));
    expect(Object.keys(bundled.components.schemas)).toEqual(Object.keys(developmentBundle.components.schemas));
  });
});

describe('the development bundle', () => {
  it('still carries the development credentials and the local servers', () => {
    expect(text(developmentBundle)).toMatch(/dev-[a-z]+-token/);
    expect(localServers).toContain('http://127.0.0.1:4010/api/v1');
  });
});
