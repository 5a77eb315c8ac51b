// Path identifiers per parameter: each path parameter is fuzzed with its own resource's
// identifiers, its contract example and its schema's values, never another parameter's.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, athlete, orgKey, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';
import {
  basePath,
  invalidRequest,
  listers,
  operationIds,
  operationTable,
  parameters,
  principalIds,
  selfLookup,
  textValidator,
  validRequest,
  type OperationId,
} from '../../src/index.js';

const withPath = operationIds.filter((id) => operationTable[id].pathParams.length > 0);
const credentials = [{ authorization: 'Bearer t' }];

/** The value of each path parameter in a request's URL, by the operation's path template. */
function pathValues(id: OperationId, url: string): Record<string, string> {
  const template = `${basePath}${operationTable[id].path}`.split('/');
  const segments = url.split('?')[0]!.split('/');
  expect(segments).toHaveLength(template.length);
  const values: Record<string, string> = {};
  template.forEach((part, index) => {
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name) values[name] = decodeURIComponent(segments[index]!);
  });
  return values;
}

describe('identifiers per path parameter', () => {
  it('finds the collection that lists each parameter with one, from the operation table', () => {
    expect(Object.keys(listers()).length).toBeGreaterThan(0);
    for (const [name, lister] of Object.entries(listers())) {
      expect(operationTable[lister].method).toBe('get');
      const tail = operationTable[lister].path.split('/').at(-1);
      const items = [`${operationTable[lister].path}/{${name}}`, `/${tail}/{${name}}`];
      expect(operationIds.some((id) => items.some((item) => operationTable[id].path.startsWith(item)))).toBe(true);
    }
    expect(Object.keys(listers())).toEqual(expect.arrayContaining(['race_id', 'org_id', 'group_id']));
  });

  it('every path parameter has a source of real ids: the collection that lists it, or the "who am I" operation (user_id)', () => {
    const names = new Set(withPath.flatMap((id) => operationTable[id].pathParams as readonly string[]));
    for (const name of names) expect(listers()[name] ?? selfLookup(name), name).toBeDefined();
    expect(names).toContain('user_id');
    expect(operationTable[selfLookup('user_id')!]).toMatchObject({ method: 'get', pathParams: [] });
  });

  describe('principal ids from the reference API', () => {
    let api: ReferenceApi;
    beforeAll(async () => {
      api = await startReferenceApi({ inMemory: true });
    });
    afterAll(() => api.close());

    it("are each caller's own id, valid for the parameter (an organization's key has no user id)", async () => {
      const ids = await principalIds(api.send, [athlete, admin, orgKey]);
      const userId = withPath.flatMap((id) => parameters(id)).find((p) => p.name === 'user_id')!;
      expect(ids.user_id).toHaveLength(2);
      for (const value of ids.user_id!) expect(textValidator(userId.schema)(value), value).toBe(true);
    });
  });

  it('has operations with path parameters to check', () => expect(withPath.length).toBeGreaterThan(0));

  it.each(withPath)("%s: each path parameter gets its own known ids and its example, never another's", (id) => {
    const names = operationTable[id].pathParams as readonly string[];
    // Known ids for this operation's parameters, and a foreign parameter's that must not leak in.
    const ids = Object.fromEntries([...names.map((name) => [name, [`${name}_known`]]), ['foreign_id', ['foreign_value']]]);
    const samples = fc.sample(validRequest(id, { credentials, ids }), { seed: 7, numRuns: 300 });
    for (const name of names) {
      const seen = samples.map((request) => pathValues(id, request.url)[name]);
      expect(seen).toContain(`${name}_known`);
      const example = parameters(id).find((p) => p.name === name)?.example;
      if (typeof example === 'string') expect(seen).toContain(example);
      expect(seen).not.toContain('foreign_value');
    }
  });

  it.each(withPath)('%s: a broken path parameter changes its own segment only', (id) => {
    const template = `${basePath}${operationTable[id].path}`.split('/');
    const broken = fc
      .sample(invalidRequest(id, { credentials })!, { seed: 11, numRuns: 300 })
      .filter((request) => request.broken?.location === 'path');
    expect(broken.length).toBeGreaterThan(0);
    for (const request of broken) {
      const segments = request.url.split('?')[0]!.split('/');
      expect(segments).toHaveLength(template.length);
      // Literal segments stay as the template has them.
      template.forEach((part, index) => {
        if (!part.startsWith('{')) expect(segments[index]).toBe(part);
      });
      const values = pathValues(id, request.url);
      const valid = parameters(id).filter((p) => p.in === 'path' && p.name !== request.broken!.field);
      // Every other path parameter keeps a value its schema accepts (no stand-in from another resource).
      for (const parameter of valid) expect(values[parameter.name]).toMatch(new RegExp(parameter.schema.pattern ?? '.*'));
    }
  });
});
