// The contract passes `recommended` plus the house rules with zero problems, and a
// deliberately broken contract proves that every house rule in redocly.yaml fires.
import { lint, lintFromString, loadConfig } from '@redocly/openapi-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundled } from './bundled.js';

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const configPath = at('../../../redocly.yaml');
// The configurable rules (`rule/`) and the plugin's (`astral/`, openapi/house-rules.mjs).
const houseRules = Object.keys(parse(readFileSync(configPath, 'utf8')).rules).filter((id) => /^(rule|astral)\//.test(id));

type Problem = Awaited<ReturnType<typeof lint>>[number];
const lintFile = async (path: string) => lint({ ref: path, config: await loadConfig({ configPath }) });
const where = (problem: Problem) => problem.location[0]?.pointer ?? '';

describe('the contract', () => {
  it('lints with zero errors and zero warnings', async () => {
    const problems = await lintFile(at('../../../openapi/openapi.yaml'));
    expect(problems.map((p) => `${p.ruleId} ${p.severity} ${where(p)}: ${p.message}`)).toEqual([]);
  });
});

describe('the house rules', () => {
  let problems: Problem[];
  beforeAll(async () => {
    problems = await lintFile(at('fixtures/broken-contract.yaml'));
  });
  const firedAt = (ruleId: string) => problems.filter((p) => p.ruleId === ruleId).map(where);

  it('are all covered by this test', () => {
    expect(houseRules.sort()).toEqual(Object.keys(expectedViolations).sort());
  });

  const expectedViolations: Record<string, string> = {
    'astral/operation-id-verb-noun': '#/paths/~1races/get/operationId',
    'rule/operation-documented': '#/paths/~1races/get',
    'rule/operation-has-tag': '#/paths/~1races~1{race_id}/delete/tags',
    'rule/schema-properties-snake-case': '#/components/schemas/Race/properties/raceName',
    'rule/parameter-names-snake-case': '#/paths/~1races/get/parameters/0/name',
    'rule/media-type-has-example': '#/paths/~1races/post/requestBody/content/application~1json',
    'rule/error-response-is-shared': '#/paths/~1races~1{race_id}/get/responses/404',
    'rule/error-response-uses-error-shape': '#/paths/~1races~1{race_id}/get/responses/404/content/application~1json/schema',
    'astral/success-response-uses-envelope': '#/paths/~1races/post/responses/201/content/application~1json/schema',
    'rule/envelope-has-status': '#/components/schemas/BrokenEnvelope/properties',
    'rule/secured-operation-documents-401': '#/paths/~1races~1{race_id}/delete/responses',
  };

  for (const [ruleId, pointer] of Object.entries(expectedViolations)) {
    it(`${ruleId} fires as an error where the fixture breaks it`, () => {
      expect(firedAt(ruleId)).toEqual([pointer]);
      expect(problems.find((p) => p.ruleId === ruleId)?.severity).toBe('error');
    });
  }

  it('leave the Auth tag out of the envelope rule', () => {
    expect(firedAt('astral/success-response-uses-envelope')).not.toContain(
      '#/paths/~1auth~1me/get/responses/200/content/application~1json/schema',
    );
  });
});

describe('the rules that read the document (openapi/house-rules.mjs)', () => {
  /** A one-path contract with the given operation, linted with the house config. */
  const lintOperation = async (path: string, method: string, operation: Record<string, unknown>, tags = [{ name: 'Races' }]) => {
    const response = (schema: string) => ({ description: 'OK.', content: { 'application/json': { schema: { $ref: schema } } } });
    const document = {
      openapi: '3.1.0',
      info: { title: 'T', version: '1.0.0', license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' } },
      tags,
      paths: {
        [path]: {
          [method]: {
            summary: 'An operation',
            description: 'Does something.',
            tags: [tags[0]!.name],
            security: [],
            responses: { '200': response('#/components/schemas/Bare'), '400': response('#/components/schemas/Bare') },
            ...operation,
          },
        },
      },
      components: { schemas: { Bare: { type: 'object' } } },
    };
    const problems = await lintFromString({
      source: stringify(document),
      absoluteRef: at('fixtures/generated.yaml'),
      config: await loadConfig({ configPath }),
    });
    return (ruleId: string) => problems.filter((p) => p.ruleId === ruleId).map((p) => p.message);
  };
  const verbNoun = 'astral/operation-id-verb-noun';
  const envelope = 'astral/success-response-uses-envelope';
  const bare = [{ name: 'Sessions', 'x-astral-envelope': false }];

  it.each([
    ['a verb its method does not mean', '/races', 'get', 'fetchRaces'],
    ['a CRUD verb on the wrong method', '/races/{race_id}', 'get', 'deleteRace'],
    ['a lone word that is not the path’s last', '/auth/session', 'post', 'logout'],
    ['a verb no path word or description names', '/races/{race_id}/cancel', 'post', 'abandonRace'],
  ])('refuse %s (%s %s: %s)', async (_case, path, method, operationId) => {
    expect((await lintOperation(path, method, { operationId }, bare))(verbNoun)).toHaveLength(1);
  });

  it.each([
    ['the method’s REST verb', '/races', 'get', 'listRaces', 'Lists races.'],
    ['an action its path names', '/races/{race_id}/cancel', 'post', 'cancelRace', 'Cancels.'],
    ['a lone word that is the path’s last', '/auth/logout', 'post', 'logout', 'Ends it.'],
    ['the verb its description opens with', '/auth/signup', 'post', 'exchangeFirebaseToken', 'Exchanges a token.'],
  ])('accept %s (%s %s: %s)', async (_case, path, method, operationId, description) => {
    expect((await lintOperation(path, method, { operationId, description }, bare))(verbNoun)).toEqual([]);
  });

  it('ask for the envelope by the tag’s x-astral-envelope, not its name', async () => {
    const operation = { operationId: 'getMe' };
    expect((await lintOperation('/auth/me', 'get', operation, [{ name: 'Auth' }]))(envelope)).toHaveLength(1);
    expect((await lintOperation('/auth/me', 'get', operation, bare))(envelope)).toEqual([]);
  });
});

describe('the example-value-refs preprocessor', () => {
  const sharedProfile = '$ref: ../components/examples/AthleteProfile.yaml#/value/data';

  it('gives the login and Firebase-exchange examples the one shared athlete profile', () => {
    const profile = bundled.components.examples.AthleteProfile.value.data;
    const example = (path: string, status: string, name: string) =>
      bundled.paths[path].post.responses[status].content['application/json'].examples[name].value;
    expect(profile.user_id).toBe('usr_athlete1');
    expect(example('/auth/login', '200', 'signedIn').profile).toEqual(profile);
    expect(example('/auth/signup', '200', 'existing').profile).toEqual(profile);
    for (const file of ['auth_login.yaml', 'auth_signup.yaml'])
      expect(readFileSync(at(`../../../openapi/paths/${file}`), 'utf8')).toContain(sharedProfile);
  });

  it('reports a reference to a part no shared example has', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'astral-example-refs-'));
    try {
      cpSync(at('../../../openapi'), copy, { recursive: true });
      const login = join(copy, 'paths/auth_login.yaml');
      writeFileSync(login, readFileSync(login, 'utf8').replace(sharedProfile, `${sharedProfile}x`));
      const problems = await lintFile(join(copy, 'openapi.yaml'));
      expect(problems.map((p) => p.message)).toContain(
        '../components/examples/AthleteProfile.yaml#/value/datax: no such part of an example the document references as an example',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
