/**
 * Identifiers per path parameter: the fuzz sends `race_id` values to `race_id` and
 * `training_plan_id` values to `training_plan_id`, each drawn from what exists on the
 * server under test, the parameter's own example, and its schema. Which operation lists a
 * parameter's resource is read from the operation table, not written down.
 */
import { contract, operationResponse } from '@astral/openapi/contract';
import { inlineRefs, jsonContent } from '@astral/openapi/reader';
import {
  basePath,
  operationIds,
  operationTable,
  parameters,
  propertiesOf,
  requestBodyExamples,
  type OperationId,
  type Schema,
} from './contract.js';
import type { ApiRequest, Send } from './exchange.js';
import { textValidator } from './schema-validator.js';

/** Identifiers known to exist, by path parameter name: `{ race_id: ['race_abc', ...] }`. */
export type KnownIds = Record<string, string[]>;

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/**
 * The collection that lists each path parameter's resource: a GET whose path, followed by
 * `/{parameter}`, begins another operation's path (`listRaces` for `race_id`, since
 * `/races/{race_id}` exists). Parameters without such a collection are absent.
 *
 * @example
 * ```ts
 * listers(); // { race_id: "listRaces" }
 * ```
 */
export function listers(): Record<string, OperationId> {
  const found: Record<string, OperationId> = {};
  for (const lister of operationIds) {
    const entry = operationTable[lister];
    if (entry.method !== 'get') continue;
    // Items under the collection's own path (`/races/{race_id}`), or under a top-level path
    // named like its last segment (`/organizations/{org_id}/groups` lists `/groups/{group_id}`).
    const tail = entry.path.split('/').at(-1) ?? '';
    const item = new RegExp(`^(?:${escape(entry.path)}|/${escape(tail)})/\\{([^}]+)\\}`);
    for (const id of operationIds) {
      const name = item.exec(operationTable[id].path)?.[1];
      if (name && !found[name]) found[name] = lister;
    }
  }
  return found;
}

/** The items of a list answer: the envelope's `data`, or a bare array. */
function itemsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const data = (body as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? data : [];
}

/**
 * Asks the server which identifiers exist, by listing every collection the contract
 * documents (shallow collections first, so a nested one is listed under a known parent); an
 * empty collection gets one item, created from the contract's example.
 * Each item's identifier is its field named like the parameter (`race_id`).
 *
 * @example
 * ```ts
 * const ids = await existingIds(api.send, { authorization: 'Bearer dev-athlete-token' });
 * ids.race_id?.length; // e.g. 24
 * ```
 */
export async function existingIds(send: Send, headers: Record<string, string>): Promise<KnownIds> {
  const ids: KnownIds = {};
  const byDepth = Object.entries(listers()).sort(
    ([, a], [, b]) => operationTable[a].pathParams.length - operationTable[b].pathParams.length,
  );
  for (const [name, lister] of byDepth) {
    const entry = operationTable[lister];
    const pathParams = entry.pathParams as readonly string[];
    if (pathParams.some((parent) => !ids[parent]?.length)) continue;
    const path = entry.path.replace(/\{([^}]+)\}/g, (_, parent: string) => encodeURIComponent(ids[parent]![0]!));
    const request: ApiRequest = { operationId: lister, method: 'GET', url: `${basePath}${path}`, headers: { ...headers } };
    const response = await send(request);
    if (response.status !== entry.successStatus)
      throw new Error(`listing ${name} with ${lister} answered ${response.status}: ${response.body.slice(0, 300)}`);
    const values = itemsOf(JSON.parse(response.body))
      .map((item) => (item as Record<string, unknown> | null)?.[name])
      .filter((value): value is string => typeof value === 'string');
    // A collection with nothing in it (a resource the development seed has no rows of, as
    // `npm run new:resource` adds one): one item created from the contract's example.
    if (values.length === 0) values.push(...(await createOne(send, headers, lister, path, name)));
    ids[name] = [...new Set([...(ids[name] ?? []), ...values])];
  }
  return ids;
}

/**
 * Creates one item in the collection `lister` lists (at `path`), through the POST on the same
 * path with its first request body example; its identifier, or none when the collection has
 * no such create.
 */
async function createOne(send: Send, headers: Record<string, string>, lister: OperationId, path: string, name: string): Promise<string[]> {
  const creator = operationIds.find(
    (id) => operationTable[id].method === 'post' && operationTable[id].path === operationTable[lister].path,
  );
  const body = creator && requestBodyExamples(creator)[0];
  if (!creator || body === undefined) return [];
  const request: ApiRequest = {
    operationId: creator,
    method: 'POST',
    url: `${basePath}${path}`,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
  const response = await send(request);
  if (response.status !== operationTable[creator].successStatus) {
    throw new Error(`creating a ${name} with ${creator} answered ${response.status}: ${response.body.slice(0, 300)}`);
  }
  const created = JSON.parse(response.body) as { data?: Record<string, unknown> } & Record<string, unknown>;
  const id = created.data?.[name] ?? created[name];
  return typeof id === 'string' ? [id] : [];
}

/**
 * The operation that tells callers who they are for a path parameter: a GET without
 * parameters whose success answer has a top-level field named like the parameter
 * (`getMe` for `user_id`, since `GET /auth/me` answers `{ user_id, ... }`). It is how a
 * target that no operation creates (`/users/{user_id}`) is addressed as the caller's own.
 *
 * @example
 * ```ts
 * selfLookup('user_id'); // "getMe"
 * ```
 */
export function selfLookup(name: string): OperationId | undefined {
  return operationIds.find((id) => {
    const entry = operationTable[id];
    if (entry.method !== 'get' || parameters(id).length > 0) return false;
    const media = jsonContent(contract, operationResponse(id, entry.successStatus)) as { schema?: Schema } | undefined;
    const schema = media?.schema === undefined ? undefined : (inlineRefs(contract, media.schema) as Schema);
    return schema !== undefined && propertiesOf(schema)[name] !== undefined;
  });
}

/**
 * The caller's own identifier for each path parameter of `id`, as the caller's
 * {@link selfLookup} operation answers it: `{ user_id: 'usr_athlete1' }`. A parameter
 * without such an operation is absent.
 *
 * @example
 * ```ts
 * await ownIds(api.send, 'getUser', { authorization: 'Bearer dev-athlete-token' }); // { user_id: "usr_athlete1" }
 * ```
 */
export async function ownIds(send: Send, id: OperationId, headers: Record<string, string>): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const name of operationTable[id].pathParams as readonly string[]) {
    const lookup = selfLookup(name);
    if (!lookup) continue;
    const request: ApiRequest = {
      operationId: lookup,
      method: 'GET',
      url: `${basePath}${operationTable[lookup].path}`,
      headers: { ...headers },
    };
    const response = await send(request);
    if (response.status !== operationTable[lookup].successStatus)
      throw new Error(`${lookup} answered ${response.status}: ${response.body.slice(0, 300)}`);
    const value = (JSON.parse(response.body) as Record<string, unknown>)[name];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/**
 * Identifiers of the principals themselves, for the path parameters a "who am I" operation
 * answers ({@link selfLookup}), listed by a collection or not: `user_id` gets the id of every
 * caller in `credentials` that has one valid for the parameter (an organization's key
 * answers an `org_` id, which `user_id` does not take).
 *
 * @example
 * ```ts
 * await principalIds(api.send, [athlete, admin, orgKey]); // { user_id: ["usr_athlete1", "usr_admin1"] }
 * ```
 */
export async function principalIds(send: Send, credentials: Array<Record<string, string>>): Promise<KnownIds> {
  const ids: KnownIds = {};
  for (const id of operationIds) {
    for (const parameter of parameters(id).filter((p) => p.in === 'path' && selfLookup(p.name))) {
      const fits = textValidator(parameter.schema);
      for (const headers of credentials) {
        const value = (await ownIds(send, id, headers).catch((): Record<string, string> => ({})))[parameter.name];
        if (value !== undefined && fits(value) && !ids[parameter.name]?.includes(value))
          ids[parameter.name] = [...(ids[parameter.name] ?? []), value];
      }
    }
  }
  return ids;
}

/**
 * The identifiers of several sources, each name's values once: a collection's members and the
 * principals' own ids both name `user_id`.
 *
 * @example
 * ```ts
 * mergeIds({ user_id: ['usr_a'] }, { user_id: ['usr_a', 'usr_b'] }); // { user_id: ['usr_a', 'usr_b'] }
 * ```
 */
export function mergeIds(...sources: KnownIds[]): KnownIds {
  const merged: KnownIds = {};
  for (const source of sources) {
    for (const [name, values] of Object.entries(source)) merged[name] = [...new Set([...(merged[name] ?? []), ...values])];
  }
  return merged;
}
