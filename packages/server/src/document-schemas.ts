/**
 * JSON Schemas for validation, read from any OpenAPI document passed in: the components
 * document every `$ref` points into, and per operation its params, query, headers and body
 * schemas. No file access, so browsers use it too (`@astral/msw`'s worker); the server binds
 * it to the bundled contract in `contract-schemas.ts`.
 */
import {
  inlineRefs,
  MAX_DEPTH_KEYWORD,
  parametersOf,
  rebase as rebaseOnto,
  requestBodySchemaOf,
  resolveRef,
  type ContractParameter,
  type JsonNode,
  type OpenApiDocument,
} from '@astral/openapi/reader';

/** The `$id` the contract's components are registered under, in Ajv and in Fastify. */
export const CONTRACT_ID = 'urn:astral:contract';

/** A node of the contract or of a JSON Schema (see `JsonNode`). */
type Json = JsonNode;

/** Where an operation sits in its document. */
export interface OperationLocation {
  pathItem: Json;
  operation: Json;
}

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

/** The document Ajv and Fastify register: a document's schemas under one `$id`. */
export function componentsDocumentOf(document: OpenApiDocument, options: { closed?: boolean } = {}): Json {
  const schemas = document.components?.schemas ?? {};
  return { $id: CONTRACT_ID, components: { schemas: options.closed ? closeObjects(schemas) : schemas } };
}

/**
 * Non-validating keywords found in a document's schemas (OpenAPI's `example`, the `x-...`
 * extensions): Ajv's strict mode rejects unknown keywords, so they are declared.
 */
export function annotationKeywordsOf(document: OpenApiDocument): string[] {
  const found = new Set(['example', 'discriminator', 'xml', 'externalDocs', 'components']);
  const walk = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      walk(value);
    }
  };
  walk(document.components?.schemas);
  walk(document.components?.parameters);
  return [...found];
}

function parameterObjectSchema(list: ContractParameter[]): Json {
  if (list.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(list.map((p) => [p.name, rebase(p.schema ?? {})])),
    required: list.filter((p) => p.required).map((p) => p.name),
  };
}

/** The schemas a request of one operation is validated with, by part. */
export interface RequestSchemas {
  params?: Json;
  querystring?: Json;
  headers?: Json;
  body?: Json;
}

/**
 * The schemas a request of an operation is validated with. Header parameters are keyed by
 * their lowercase names as Node and `Headers` read them; credentials are not among them,
 * they are security schemes.
 */
export function requestSchemasOf(document: OpenApiDocument, location: OperationLocation): RequestSchemas {
  const all = parametersOf(document, location);
  const body = requestBodySchemaOf(document, location.operation);
  const schemas: RequestSchemas = {};
  const params = parameterObjectSchema(all.filter((p) => p.in === 'path'));
  const querystring = parameterObjectSchema(all.filter((p) => p.in === 'query'));
  const headers = parameterObjectSchema(all.filter((p) => p.in === 'header').map((p) => ({ ...p, name: p.name.toLowerCase() })));
  if (params) schemas.params = params;
  if (querystring) schemas.querystring = querystring;
  if (headers) schemas.headers = headers;
  if (body) schemas.body = nestsToADepth(document, body) ? inlineRefs(document, body) : rebase(body);
  return schemas;
}

/**
 * Whether a schema reaches a recursive one that states its depth (`x-astral-max-depth`:
 * `ContentBlock`). Such a body is validated against its copy unrolled to that depth
 * (`inlineRefs`), so input nested deeper fails in Ajv itself, at its own path, as every
 * other finding does: the limit is read from the contract, not written again in a handler.
 */
function nestsToADepth(document: OpenApiDocument, schema: Json): boolean {
  const seen = new Set<string>();
  const walk = (node: Json): boolean => {
    if (Array.isArray(node)) return node.some(walk);
    if (node === null || typeof node !== 'object') return false;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      if (seen.has(node.$ref)) return false;
      seen.add(node.$ref);
      return walk(resolveRef(document, node));
    }
    if (typeof node[MAX_DEPTH_KEYWORD] === 'number') return true;
    return Object.entries(node).some(([key, value]) => key !== 'example' && key !== 'examples' && walk(value));
  };
  return walk(schema);
}

/**
 * The document's spelling of each header parameter, by lowercase name: a 400 names
 * `Idempotency-Key`, not the `idempotency-key` that was validated.
 */
export function headerParameterNamesOf(document: OpenApiDocument, locations: OperationLocation[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const location of locations) {
    for (const p of parametersOf(document, location)) if (p.in === 'header') names.set(p.name.toLowerCase(), p.name);
  }
  return names;
}
