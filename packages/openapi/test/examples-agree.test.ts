// The contract's examples agree with themselves, not only with their schemas (lint checks
// those): a create's answer echoes what was sent, timestamps are in order, a list's total
// counts at least its page, and the YAML uses no anchors (each example reads on its own).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationsOf, resolveRef, type JsonNode } from '../src/reader/index.js';
import { bundled } from './bundled.js';

const examplesOf = (content: JsonNode): Array<[string, JsonNode]> =>
  Object.entries<JsonNode>(content?.examples ?? {}).map(([name, example]) => [name, resolveRef(bundled, example).value]);
const jsonOf = (node: JsonNode): JsonNode => resolveRef(bundled, node)?.content?.['application/json'];

/** Every example value of every request and response, with where it is. */
function allExamples(): Array<{ where: string; value: JsonNode }> {
  return operationsOf(bundled).flatMap(({ operationId, operation }) => [
    ...examplesOf(jsonOf(operation.requestBody)).map(([name, value]) => ({ where: `${operationId} request ${name}`, value })),
    ...Object.entries<JsonNode>(operation.responses).flatMap(([status, response]) =>
      examplesOf(jsonOf(response)).map(([name, value]) => ({ where: `${operationId} ${status} ${name}`, value })),
    ),
  ]);
}

function objectsIn(value: JsonNode): JsonNode[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (value && typeof value === 'object') return [value, ...Object.values(value).flatMap(objectsIn)];
  return [];
}

describe('examples', () => {
  it("a create's answer echoes the request example of the same name (or the only one)", () => {
    const creates = operationsOf(bundled).filter(({ operation }) => operation.responses['201'] && operation.requestBody);
    expect(creates.length).toBeGreaterThan(0);
    let compared = 0;
    for (const { operationId, operation } of creates) {
      const requests = examplesOf(jsonOf(operation.requestBody));
      const answers = examplesOf(jsonOf(operation.responses['201']));
      for (const [name, body] of requests) {
        const answer = answers.find(([candidate]) => candidate === name) ?? (requests.length === 1 ? answers[0] : undefined);
        if (!answer) continue;
        const data = answer[1].data ?? answer[1];
        for (const [field, sent] of Object.entries<JsonNode>(body)) {
          if (field in data) expect(data[field], `${operationId} ${name}: ${field}`).toEqual(sent);
        }
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('has timestamps in order: nothing updated, used, revoked or expiring before it was created', () => {
    const examples = allExamples();
    expect(examples.length).toBeGreaterThan(0);
    for (const { where, value } of examples) {
      for (const object of objectsIn(value).filter((candidate) => typeof candidate.created_at === 'string')) {
        for (const later of ['updated_at', 'last_login_at', 'revoked_at', 'expires_at']) {
          if (typeof object[later] === 'string') expect(object[later] >= object.created_at, `${where}: ${later}`).toBe(true);
        }
        if (typeof object.updated_at === 'string' && typeof object.last_login_at === 'string') {
          // Changing a profile takes a session: its last sign-in is at most a token's life (24 h) before.
          expect(Date.parse(object.updated_at) - Date.parse(object.last_login_at), `${where}: last_login_at`).toBeLessThanOrEqual(
            86_400_000,
          );
        }
      }
    }
  });

  it("a list's metadata.total counts at least its page, and exactly it on the last page", () => {
    const lists = allExamples().filter(({ value }) => Array.isArray(value?.data) && typeof value?.metadata?.total === 'number');
    expect(lists.length).toBeGreaterThan(0);
    for (const { where, value } of lists) {
      expect(value.metadata.total, where).toBeGreaterThanOrEqual(value.data.length);
      if (value.metadata.next_cursor === null) expect(value.metadata.total, where).toBe(value.data.length);
    }
  });

  it('the source uses no YAML anchors or aliases (&id001, *id001)', () => {
    const root = new URL('../../../openapi/', import.meta.url).pathname;
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : [],
      );
    const yamlFiles = files(root);
    expect(yamlFiles.length).toBeGreaterThan(0);
    for (const file of yamlFiles) expect(readFileSync(file, 'utf8'), file).not.toMatch(/(^|\s)[&*]id\d+\b/m);
  });
});
