/**
 * JSON Schemas for routing, read from the bundled contract: the components document every
 * `$ref` points into, and per operation its params, query, body and response schemas.
 */
import {
  contract,
  operationParameters,
  operationRequestBodySchema,
  operationResponse,
  operationSecurity,
  type ContractParameter,
} from '@astral/openapi/contract';
import { operationTable } from '@astral/openapi';
import {
  examplesOf,
  rebase as rebaseOnto,
  readOnlyPropertyNames as readOnlyNames,
  securitySchemesOf,
  type JsonNode,
} from '@astral/openapi/reader';
import type { OperationId } from './types.js';

/** The `$id` the contract's components are registered under, in Ajv and in Fastify. */
export const CONTRACT_ID = 'urn:astral:contract';

/** A node of the contract or of a JSON Schema (see `JsonNode`). */
type Json = JsonNode;

/** A deep copy whose local refs point into the registered components document ({@link CONTRACT_ID}). */
export function rebase(schema: Json): Json {
  return rebaseOnto(schema, CONTRACT_ID);
}

/** Keywords of an object that hold subschemas, keyed by name (the rest hold one or a list). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * Adds `unevaluatedProperties: false` to every object schema that leaves extra properties
 * open, except the members of a composition (their parent decides). Used to check responses
 * in development and test: a field the contract does not declare is a violation there,
 * because production would silently drop it.
 */
export function closeObjects(schema: Json, inComposition = false): Json {
  if (Array.isArray(schema)) return schema.map((item) => closeObjects(item, inComposition));
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub)]));
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      copy[key] = closeObjects(value, true);
    } else if (key === 'examples' || key === 'example' || key === 'enum' || key === 'const' || key === 'default') {
      copy[key] = value;
    } else {
      copy[key] = closeObjects(value);
    }
  }
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (isObject && !inComposition && schema.additionalProperties === undefined && schema.unevaluatedProperties === undefined) {
    copy.unevaluatedProperties = false;
  }
  return copy;
}

/** The document Ajv and Fastify register: the contract's schemas under one `$id`. */
export function componentsDocument(options: { closed?: boolean } = {}): Json {
  const schemas = contract.components.schemas ?? {};
  return { $id: CONTRACT_ID, components: { schemas: options.closed ? closeObjects(schemas) : schemas } };
}

/**
 * Non-validating keywords found in the contract's schemas (OpenAPI's `example`, the
 * `x-...` extensions): Ajv's strict mode rejects unknown keywords, so they are declared.
 */
export function annotationKeywords(): string[] {
  const found = new Set(['example', 'discriminator', 'xml', 'externalDocs', 'components']);
  const walk = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      walk(value);
    }
  };
  walk(contract.components.schemas);
  walk(contract.components.parameters);
  return [...found];
}

type Parameter = ContractParameter;

function parameterObjectSchema(list: Parameter[]): Json {
  if (list.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(list.map((p) => [p.name, rebase(p.schema ?? {})])),
    required: list.filter((p) => p.required).map((p) => p.name),
  };
}

/** The JSON body schema of an operation's response, or `undefined` when it has no JSON body. */
export function responseSchema(id: OperationId, status: number): object | undefined {
  const schema = operationResponse(id, status)?.content?.['application/json']?.schema;
  return schema === undefined ? undefined : (rebase(schema) as object);
}

/**
 * The schemas Fastify validates a route's request with. Header parameters are validated too,
 * by their lowercase names as Node reads them (Fastify lowercases a header schema only for
 * its own validator compiler, not ours); credentials are not among them, they are security
 * schemes.
 */
export function requestSchemas(id: OperationId): { params?: Json; querystring?: Json; headers?: Json; body?: Json } {
  const all = operationParameters(id);
  const body = operationRequestBodySchema(id);
  const schemas: { params?: Json; querystring?: Json; headers?: Json; body?: Json } = {};
  const params = parameterObjectSchema(all.filter((p) => p.in === 'path'));
  const querystring = parameterObjectSchema(all.filter((p) => p.in === 'query'));
  const headers = parameterObjectSchema(all.filter((p) => p.in === 'header').map((p) => ({ ...p, name: p.name.toLowerCase() })));
  if (params) schemas.params = params;
  if (querystring) schemas.querystring = querystring;
  if (headers) schemas.headers = headers;
  if (body) schemas.body = rebase(body);
  return schemas;
}

/**
 * The contract's spelling of each header parameter, by lowercase name: a 400 names
 * `Idempotency-Key`, not the `idempotency-key` Fastify validated.
 */
export function headerParameterNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const id of Object.keys(operationTable) as OperationId[]) {
    for (const p of operationParameters(id)) if (p.in === 'header') names.set(p.name.toLowerCase(), p.name);
  }
  return names;
}

/** The first named example of an operation's success response (what the stubs answer). */
export function successExample(id: OperationId): unknown {
  const status = operationTable[id].successStatus;
  const media = status === null ? undefined : operationResponse(id, status)?.content?.['application/json'];
  return structuredClone(examplesOf(contract, media)[0]?.value);
}

/** Security requirements of an operation: alternatives, each a list of scheme names that must all be met. */
export const securityRequirements = operationSecurity;

/** The contract's security schemes, by name. */
export function securitySchemes(): Record<string, Json> {
  return securitySchemesOf(contract);
}

/** Names of properties the contract marks `readOnly` anywhere (for clearer 400 messages). */
export function readOnlyPropertyNames(): Set<string> {
  return readOnlyNames(contract);
}
