/**
 * The HTTP requests the suite sends, generated from the contract: for every operation,
 * requests the contract accepts and requests it rejects (one thing broken at a time, so
 * the expected answer is known exactly).
 *
 * One file, about 290 lines (the device files live in device-files.ts): the valid and the broken requests are built by the same
 * path, query and credential helpers, and read best side by side.
 */
import fc from 'fast-check';
import { invalidValue, validValue } from './schema-arbitraries.js';
import { textValidator } from './schema-validator.js';
import { readOnlyPropertyNames } from '@astral/openapi/reader';
import { contract } from '@astral/openapi/contract';
import {
  basePath,
  isOpen,
  operationIds,
  operationTable,
  parameters,
  propertiesOf,
  requestBodySchema,
  type OperationId,
  type Parameter,
} from './contract.js';
import type { KnownIds } from './identifiers.js';
import { accepts } from './auth-matrix.js';
import type { ApiRequest } from './exchange.js';
import { brokenDeviceFile, takesFile, validDeviceFile, type DeviceFile } from './device-files.js';

const isDeviceFile = (body: unknown): body is DeviceFile =>
  typeof body === 'object' && body !== null && (body as DeviceFile).bytes instanceof Uint8Array;

/** What a generator needs to know about the server it targets. */
export interface RequestContext {
  /** Header sets that authenticate (the fuzz picks one per request). */
  credentials: Array<Record<string, string>>;
  /**
   * Identifiers that exist, by path parameter name (`existingIds` asks the server), so
   * reads and writes hit real rows as well as misses. Each parameter gets its own.
   */
  ids?: KnownIds;
  /**
   * Whether the server reads device files (the reference API does; the server stubs, which
   * answer examples, cannot know a file is refused). Default true: refused files are sent,
   * each expecting its own code.
   */
  readsFiles?: boolean;
}

const pathOf = (id: OperationId, pathValues: Record<string, string>, query: Array<[string, string]>): string => {
  const path = operationTable[id].path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
  const search = new URLSearchParams(query).toString();
  return `${basePath}${path}${search ? `?${search}` : ''}`;
};

/** How a typed query value travels in the query string (OpenAPI `form` style). */
const queryText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Values of one path parameter: identifiers known for that very parameter (weighted, so
 * most requests reach a real row), the contract's example of it, and values its schema
 * (pattern, length) allows. Never another parameter's identifiers.
 */
function pathValueArbitrary(parameter: Parameter, context: RequestContext): fc.Arbitrary<string> {
  const choices: Array<fc.WeightedArbitrary<string>> = [{ weight: 1, arbitrary: validValue(parameter.schema).map(String) }];
  const known = context.ids?.[parameter.name] ?? [];
  if (known.length > 0) choices.push({ weight: 3, arbitrary: fc.constantFrom(...known) });
  const example = parameter.example === undefined ? undefined : queryText(parameter.example);
  if (example !== undefined && textValidator(parameter.schema)(example)) choices.push({ weight: 1, arbitrary: fc.constant(example) });
  return choices.length === 1 ? choices[0]!.arbitrary : fc.oneof(...choices);
}

/** Replaces one path parameter's segment of a URL, keeping the others' values and the query. */
function withPathSegment(id: OperationId, url: string, name: string, text: string): string {
  const queryAt = url.indexOf('?');
  const [path, query] = queryAt < 0 ? [url, ''] : [url.slice(0, queryAt), url.slice(queryAt)];
  const index = `${basePath}${operationTable[id].path}`.split('/').indexOf(`{${name}}`);
  const segments = path.split('/');
  segments[index] = encodeURIComponent(text);
  return segments.join('/') + query;
}

function queryArbitrary(list: Parameter[]): fc.Arbitrary<Array<[string, string]>> {
  const model = Object.fromEntries(list.map((p) => [p.name, validValue(p.schema)]));
  return (
    fc
      .record(model, { requiredKeys: list.filter((p) => p.required).map((p) => p.name) })
      // An array travels as the parameter repeated (OpenAPI's default for a query array: form, exploded).
      .map((values) =>
        Object.entries(values).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((item) => [name, queryText(item)] as [string, string]),
        ),
      )
  );
}

/**
 * The credentials of the context that the operation accepts (any, on an open operation):
 * an API key on a Bearer-only operation is an authentication failure, which the auth
 * matrix checks; here it would only hide what the request itself is worth.
 */
function usableCredentials(id: OperationId, context: RequestContext): Array<Record<string, string>> {
  const usable = isOpen(id) ? context.credentials : context.credentials.filter((headers) => accepts(id, headers));
  return usable.length > 0 ? usable : context.credentials;
}

/**
 * Requests the contract accepts for one operation.
 *
 * @example
 * ```ts
 * const [request] = fc.sample(validRequest('listRaces', { credentials: [{ authorization: 'Bearer t' }] }), 1);
 * request.url; // e.g. "/api/v1/races?limit=7"
 * ```
 */
export function validRequest(id: OperationId, context: RequestContext): fc.Arbitrary<ApiRequest> {
  const all = parameters(id);
  const pathParams = all.filter((p) => p.in === 'path');
  const bodySchema = requestBodySchema(id);
  return fc
    .record({
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValueArbitrary(p, context)]))),
      query: queryArbitrary(all.filter((p) => p.in === 'query')),
      body: bodySchema ? validValue(bodySchema) : takesFile(id) ? validDeviceFile : fc.constant(undefined),
      credentials: fc.constantFrom(...usableCredentials(id, context)),
    })
    .map(({ path, query, body, credentials }) => {
      const request: ApiRequest = {
        operationId: id,
        method: operationTable[id].method.toUpperCase(),
        url: pathOf(id, path, query),
        headers: { ...credentials },
      };
      if (isDeviceFile(body)) {
        request.headers['content-type'] = body.type;
        request.body = body.bytes;
      } else if (body !== undefined) {
        request.headers['content-type'] = 'application/json';
        request.body = JSON.stringify(body);
      }
      return request;
    });
}

/** Bodies that are not JSON at all, or JSON of the wrong shape at the top level. */
const malformedBodies = ['{', '{"race_name": }', "{'race_name': 'x'}", '{"a":1,}', 'NaN', '\u0000', '{"a":"\\x"}', '[', '"unterminated'];
const nonObjectBodies = ['[]', '"a string"', '42', 'null', 'true', '[{"race_name":"x"}]'];

/** Field names the contract does not define, including names that attack JavaScript objects. */
const unknownFields = ['unknown_field', 'isAdmin', 'role', '__proto__', 'constructor', 'toString', '$where', ''];

/**
 * Requests the contract rejects for one operation, each with exactly one thing broken: a
 * path or query parameter, one body field (wrong type, out of range, too long, missing,
 * unknown, server-set), the body as a whole (malformed JSON, not an object), or the
 * content type. `undefined` when the operation takes no input that can be broken.
 *
 * @example
 * ```ts
 * const [request] = fc.sample(invalidRequest('createRace', context)!, 1);
 * request.broken; // e.g. { kind: "too-long", location: "body", field: "race_name" }
 * ```
 */
export function invalidRequest(id: OperationId, context: RequestContext): fc.Arbitrary<ApiRequest> | undefined {
  const base = validRequest(id, context);
  const all = parameters(id);
  const bodySchema = requestBodySchema(id);
  const mutations: Array<fc.Arbitrary<(request: ApiRequest) => ApiRequest>> = [];

  for (const parameter of all.filter((p) => p.in === 'path' || p.in === 'query')) {
    // A URL carries only text: keep the values whose text is still invalid once read back.
    const readable = textValidator(parameter.schema);
    const bad = invalidValue(parameter.schema, (value) => !readable(value === null ? 'null' : queryText(value)));
    if (!bad) continue;
    mutations.push(
      bad.map(({ value, kind }) => (request: ApiRequest) => {
        const text = value === null ? 'null' : queryText(value);
        if (parameter.in === 'path') {
          return {
            ...request,
            url: withPathSegment(id, request.url, parameter.name, text),
            broken: { kind, location: 'path', field: parameter.name },
          };
        }
        const url = new URL(request.url, 'http://x');
        url.searchParams.set(parameter.name, text);
        return { ...request, url: url.pathname + url.search, broken: { kind, location: 'query', field: parameter.name } };
      }),
    );
  }

  if (bodySchema) {
    const properties = Object.entries(propertiesOf(bodySchema));
    for (const [name, schema] of properties) {
      const bad = invalidValue(schema);
      if (!bad) continue;
      mutations.push(
        bad.map(({ value, kind }) => withBody((body) => ({ ...body, [name]: value }), { kind, location: 'body', field: name })),
      );
    }
    for (const name of (bodySchema.required ?? []) as string[]) {
      mutations.push(
        fc.constant(
          withBody(
            (body) => {
              const { [name]: _removed, ...rest } = body;
              return rest;
            },
            { kind: 'missing-required', location: 'body', field: name },
          ),
        ),
      );
    }
    if (bodySchema.additionalProperties === false) {
      // A read-only name elsewhere in the contract (an `email` in a response) that this body
      // declares itself is one of its fields, not an extra one.
      const declared = new Set(properties.map(([name]) => name));
      for (const name of [...unknownFields, ...readOnlyPropertyNames(contract)].filter((name) => !declared.has(name))) {
        mutations.push(
          fc.constant(
            withBody((body) => ({ ...body, [name]: name === 'participants_count' ? 0 : 'x' }), {
              kind: 'extra-field',
              location: 'body',
              field: name,
            }),
          ),
        );
      }
    }
    if (bodySchema.minProperties) {
      mutations.push(fc.constant(withBody(() => ({}), { kind: 'empty-object', location: 'body' })));
    }
    mutations.push(
      fc
        .constantFrom(...malformedBodies)
        .map((raw) => (request: ApiRequest) => ({ ...request, body: raw, broken: { kind: 'malformed-json', location: 'body' as const } })),
      fc
        .constantFrom(...nonObjectBodies)
        .map((raw) => (request: ApiRequest) => ({ ...request, body: raw, broken: { kind: 'not-an-object', location: 'body' as const } })),
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x')
        .map((type) => (request: ApiRequest) => ({
          ...request,
          headers: { ...request.headers, 'content-type': type },
          broken: { kind: 'wrong-content-type', location: 'content-type' as const },
        })),
    );
  }

  if (takesFile(id)) {
    if (context.readsFiles !== false)
      mutations.push(
        brokenDeviceFile.map((file) => (request: ApiRequest) => ({
          ...request,
          headers: { ...request.headers, 'content-type': file.type },
          body: file.bytes,
          broken: { kind: 'refused-file', location: 'body' as const, code: file.code! },
        })),
      );
    mutations.push(
      fc
        .constantFrom('application/json', 'text/xml', 'application/octet-stream', 'application/zip')
        .map((type) => (request: ApiRequest) => ({
          ...request,
          headers: { ...request.headers, 'content-type': type },
          broken: { kind: 'wrong-content-type', location: 'content-type' as const },
        })),
    );
  }

  if (mutations.length === 0) return undefined;
  return fc.tuple(base, fc.oneof(...mutations)).map(([request, mutate]) => mutate(request));
}

function withBody(change: (body: Record<string, unknown>) => Record<string, unknown>, broken: NonNullable<ApiRequest['broken']>) {
  return (request: ApiRequest): ApiRequest => {
    const body = typeof request.body === 'string' ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    // Spread copies own keys only: `__proto__`-style names are set explicitly to stay own keys.
    const changed = change(body);
    return { ...request, headers: { ...request.headers, 'content-type': 'application/json' }, body: JSON.stringify(changed), broken };
  };
}

/**
 * Valid and invalid requests for every operation of the contract, in the given mix.
 *
 * @example
 * ```ts
 * const requests = fc.sample(anyRequest(context), { seed: 42, numRuns: 1000 });
 * ```
 */
export function anyRequest(context: RequestContext, invalidShare = 0.6): fc.Arbitrary<ApiRequest> {
  const weight = (share: number) => Math.max(1, Math.round(share * 100));
  const arbitraries: Array<fc.WeightedArbitrary<ApiRequest>> = [];
  for (const id of operationIds) {
    arbitraries.push({ weight: weight(1 - invalidShare), arbitrary: validRequest(id, context) });
    const invalid = invalidRequest(id, context);
    if (invalid) arbitraries.push({ weight: weight(invalidShare), arbitrary: invalid });
  }
  return fc.oneof(...arbitraries);
}
