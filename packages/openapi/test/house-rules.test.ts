// The contract passes `recommended` plus the house rules with zero problems, and a
// deliberately broken contract proves that every house rule in redocly.yaml fires.
import { lint, loadConfig } from '@redocly/openapi-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const configPath = at('../../../redocly.yaml');
const houseRules = Object.keys(parse(readFileSync(configPath, 'utf8')).rules).filter((id) => id.startsWith('rule/'));

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
    'rule/operation-id-verb-noun': '#/paths/~1races/get/operationId',
    'rule/operation-documented': '#/paths/~1races/get',
    'rule/operation-has-tag': '#/paths/~1races~1{race_id}/delete/tags',
    'rule/schema-properties-snake-case': '#/components/schemas/Race/properties/raceName',
    'rule/parameter-names-snake-case': '#/paths/~1races/get/parameters/0/name',
    'rule/media-type-has-example': '#/paths/~1races/post/requestBody/content/application~1json',
    'rule/error-response-is-shared': '#/paths/~1races~1{race_id}/get/responses/404',
    'rule/error-response-uses-error-shape': '#/paths/~1races~1{race_id}/get/responses/404/content/application~1json/schema',
    'rule/success-response-uses-envelope': '#/paths/~1races/post/responses/201/content/application~1json/schema',
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
    expect(firedAt('rule/success-response-uses-envelope')).not.toContain(
      '#/paths/~1auth~1me/get/responses/200/content/application~1json/schema',
    );
  });
});
