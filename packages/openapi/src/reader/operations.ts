/**
 * Walking the operations of a document: the one list of HTTP methods OpenAPI allows, the
 * one walker over `paths`, and what each operation declares (parameters, bodies, responses,
 * security, examples).
 */
import type { ContractParameter, JsonNode, OpenApiDocument } from './document.js';
import { resolveRef } from './refs.js';

/** The methods a path item may hold, in OpenAPI's order. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * A path template as a pattern for request paths: each `{name}` matches one segment.
 *
 * @example
 * ```ts
 * pathPattern('/api/v1/races/{race_id}').test('/api/v1/races/race_1'); // true
 * ```
 */
export function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** One operation of the document, where it sits and what it is. */
export interface OperationLocation {
  operationId: string;
  method: HttpMethod;
  path: string;
  pathItem: JsonNode;
  operation: JsonNode;
}

/**
 * Every operation of the document in contract order (paths as written, methods in
 * OpenAPI's order). An operation without an operationId is reported, not skipped: every
 * consumer here keys operations by it.
 *
 * @example
 * ```ts
 * operationsOf(document).map((o) => o.operationId); // ['listRaces', 'createRace', ...]
 * ```
 */
export function operationsOf(document: OpenApiDocument): OperationLocation[] {
  const found: OperationLocation[] = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const pathItem = resolveRef(document, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      if (typeof operation.operationId !== 'string') throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      found.push({ operationId: operation.operationId, method, path, pathItem, operation });
    }
  }
  return found;
}

/**
 * Every parameter of an operation, path-level and operation-level (an operation-level one
 * overrides a path-level one of the same name and location), resolved.
 */
export function parametersOf(document: OpenApiDocument, location: Pick<OperationLocation, 'pathItem' | 'operation'>): ContractParameter[] {
  const byKey = new Map<string, ContractParameter>();
  for (const raw of [...(location.pathItem?.parameters ?? []), ...(location.operation?.parameters ?? [])]) {
    const parameter = resolveRef<ContractParameter>(document, raw);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** The JSON media object of a response or request body (`content['application/json']`), resolved. */
export function jsonContent(document: OpenApiDocument, responseOrBody: JsonNode): JsonNode {
  return resolveRef(document, responseOrBody)?.content?.['application/json'];
}

/** The response object an operation documents for a status, resolved. */
export function responseOf(document: OpenApiDocument, operation: JsonNode, status: number): JsonNode {
  const raw = operation?.responses?.[String(status)];
  return raw === undefined ? undefined : resolveRef(document, raw);
}

/** The JSON request body schema of an operation (unresolved, so refs stay refs), if any. */
export function requestBodySchemaOf(document: OpenApiDocument, operation: JsonNode): JsonNode {
  return jsonContent(document, operation?.requestBody)?.schema;
}

/** The named examples of a media object, values resolved, in contract order (`example` alone counts as one). */
export function examplesOf(document: OpenApiDocument, media: JsonNode): Array<{ name: string; value: unknown }> {
  if (!media) return [];
  const named = Object.entries<JsonNode>(media.examples ?? {}).map(([name, example]) => ({
    name,
    value: resolveRef(document, example)?.value,
  }));
  if (named.length === 0 && media.example !== undefined) return [{ name: 'example', value: media.example }];
  return named;
}

/** One example value of a parameter: its `example`, first named example, or its schema's example. */
export function parameterExample(document: OpenApiDocument, parameter: ContractParameter): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const first = Object.values(parameter.examples ?? {})[0];
  if (first !== undefined) return resolveRef(document, first)?.value;
  return resolveRef(document, parameter.schema)?.example;
}

/**
 * The operation's security alternatives: each a list of scheme names that must all be
 * met. An empty list of alternatives, or an empty alternative (`{}`), means open.
 */
export function securityRequirementsOf(document: OpenApiDocument, operation: JsonNode): string[][] {
  const security: Array<Record<string, string[]>> = operation?.security ?? document.security ?? [];
  return security.map((requirement) => Object.keys(requirement));
}

/**
 * Whether security alternatives (from `securityRequirementsOf`) let an anonymous caller in:
 * no alternative at all, or an empty one (`{}`). The one test of openness for the server
 * and the reliability suite.
 *
 * @example
 * ```ts
 * isOpen([]); // true
 * isOpen([['bearerAuth'], []]); // true: a token is optional
 * isOpen([['bearerAuth']]); // false
 * ```
 */
export function isOpen(requirements: readonly string[][]): boolean {
  return requirements.length === 0 || requirements.some((all) => all.length === 0);
}

/** The document's security schemes by name, resolved. */
export function securitySchemesOf(document: OpenApiDocument): Record<string, JsonNode> {
  return Object.fromEntries(
    Object.entries(document.components?.securitySchemes ?? {}).map(([name, scheme]) => [name, resolveRef(document, scheme)]),
  );
}

/**
 * The development credentials a security scheme lists (`x-astral-development-credentials`,
 * a development-layer part: only the development bundle has it), as credential → who it is.
 *
 * @example
 * developmentCredentialsOf(securitySchemesOf(document).bearerAuth); // { 'dev-admin-token': 'an admin', ... }
 */
export function developmentCredentialsOf(scheme: JsonNode): Record<string, string> {
  const listed: Record<string, unknown> = scheme?.['x-astral-development-credentials'] ?? {};
  // `x-internal` (and any other extension) marks the list; it is not a credential.
  return Object.fromEntries(
    Object.entries(listed)
      .filter(([name]) => !name.startsWith('x-'))
      .map(([name, who]) => [name, String(who)]),
  );
}

/** The common path of every server URL, e.g. `/api/v1`; servers that disagree are an error. */
export function basePathOf(document: OpenApiDocument): string {
  const prefixes = (document.servers ?? []).map((server) => new URL(server.url).pathname.replace(/\/$/, ''));
  const unique = [...new Set(prefixes)];
  if (unique.length > 1) throw new Error(`servers disagree on the base path: ${unique.join(', ')}`);
  return unique[0] ?? '';
}

/** Names of properties any component schema marks `readOnly` (server-set fields). */
export function readOnlyPropertyNames(document: OpenApiDocument): Set<string> {
  const names = new Set<string>();
  for (const schema of Object.values<JsonNode>(document.components?.schemas ?? {})) {
    for (const [name, property] of Object.entries<JsonNode>(resolveRef(document, schema)?.properties ?? {})) {
      if (resolveRef(document, property)?.readOnly === true) names.add(name);
    }
  }
  return names;
}
