/**
 * The operation table: what routing, the client, the docs and the test suites need to
 * know about each operation, derived from any bundled document. `npm run generate` writes
 * it for the contract into `src/generated/operations.ts`; the docs and the scale benchmark
 * derive it for other bundles with the same function.
 */
import type { ContractParameter, JsonNode, OpenApiDocument } from './document.js';
import { bodyLimitOf, errorCatalogueOf, type ErrorCatalogueEntry } from './errors.js';
import { methodOf, namespaceOf } from './naming.js';
import {
  basePathOf,
  jsonContent,
  operationsOf,
  parametersOf,
  responseOf,
  securityRequirementsOf,
  securitySchemesOf,
  type HttpMethod,
} from './operations.js';
import { resolveRef } from './refs.js';

/** What the table says about one operation. */
export interface OperationDescription {
  method: HttpMethod;
  path: string;
  tag: string | null;
  /** `client.<namespace>.<method>` of `@astral/client` (and the docs' samples). */
  client: { namespace: string; method: string };
  pathParams: string[];
  queryParams: string[];
  /** Query defaults: the schema's `default`, or `x-astral-default` where it depends on other parameters. */
  queryDefaults: Record<string, unknown>;
  /** `x-astral-default-when` per parameter: `{ limit: { upcoming: 10, search: 20 } }`. */
  contextualDefaults: Record<string, Record<string, number>>;
  hasBody: boolean;
  /**
   * The media types its request body may be sent as, in contract order (`[]` without a body):
   * `application/json` everywhere but a device-file import. Any other is a `415`.
   */
  requestContentTypes: string[];
  /** The largest request body it accepts, in bytes: its own `x-astral-body-limit-bytes`, else the API's (the 413 response's). */
  bodyLimitBytes: number;
  statuses: number[];
  successStatus: number | null;
  /** Whether every success body is the `{ status: 'ok', ... }` envelope. */
  envelope: boolean;
  /** Top-level fields of the success body, in contract order. */
  successFields: string[];
  /** Security schemes any alternative names (an empty list: open). */
  security: string[];
  /**
   * What the operation does to the caller's session: `issues` (its success body carries an
   * `access_token` and its `expires_at`), `ends` (`x-astral-session: ends`), or null.
   */
  session: 'issues' | 'ends' | null;
  /** Whether it takes an `Idempotency-Key` header, so a retry of it is safe. */
  idempotencyKey: boolean;
  /**
   * The request headers a caller may send beyond the ones browsers always allow: its header
   * parameters, the headers of the security schemes it accepts, and `Content-Type` when it
   * takes a body (what a CORS preflight must allow).
   */
  requestHeaders: string[];
  /**
   * `deprecated: true`: since when (`x-astral-deprecated-at`, required with it: RFC 9745's
   * `Deprecation` header is a date) and, where the contract gives one, the sunset
   * (`x-astral-sunset`, RFC 8594's `Sunset`), both `YYYY-MM-DD`; null when not deprecated.
   */
  deprecation: { at: string; sunset: string | null } | null;
}

/** The table and the document-wide facts generated beside it. */
export interface ContractDescription {
  basePath: string;
  operations: Record<string, OperationDescription>;
  errors: Record<string, ErrorCatalogueEntry>;
  bodyLimitBytes: number;
  /** Every response header any operation documents, in contract order (what browser code may read: CORS). */
  responseHeaders: string[];
}

/** A 2xx JSON body is enveloped when its schema carries `status: "ok"` (SuccessStatus). */
function usesEnvelope(document: OpenApiDocument, response: JsonNode): boolean {
  const schema = resolveRef(document, jsonContent(document, response)?.schema);
  return resolveRef(document, schema?.properties?.status)?.const === 'ok';
}

function successFields(document: OpenApiDocument, response: JsonNode): string[] {
  const schema = resolveRef(document, jsonContent(document, response)?.schema);
  return Object.keys(schema?.properties ?? {});
}

function sessionEffect(operation: JsonNode, fields: string[]): OperationDescription['session'] {
  if (operation['x-astral-session'] === 'ends') return 'ends';
  return fields.includes('access_token') && fields.includes('expires_at') ? 'issues' : null;
}

function queryDefaults(document: OpenApiDocument, query: ContractParameter[]): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const parameter of query) {
    const value = parameter['x-astral-default'] ?? resolveRef(document, parameter.schema)?.default;
    if (value !== undefined) defaults[parameter.name] = value;
  }
  return defaults;
}

function contextualDefaults(query: ContractParameter[]): Record<string, Record<string, number>> {
  const contextual: Record<string, Record<string, number>> = {};
  for (const parameter of query) {
    const when = parameter['x-astral-default-when'] as Record<string, number> | undefined;
    if (when) contextual[parameter.name] = when;
  }
  return contextual;
}

/** The header a security scheme reads its credential from (`Authorization` for http, OAuth and OpenID schemes). */
function schemeHeader(scheme: JsonNode): string | undefined {
  if (scheme?.type === 'apiKey') return scheme.in === 'header' ? scheme.name : undefined;
  return ['http', 'oauth2', 'openIdConnect'].includes(scheme?.type) ? 'Authorization' : undefined;
}

function requestHeaders(document: OpenApiDocument, parameters: ContractParameter[], security: string[], hasBody: boolean): string[] {
  const schemes = securitySchemesOf(document);
  const names = [
    ...security.map((name) => schemeHeader(schemes[name])),
    ...parameters.filter((p) => p.in === 'header').map((p) => p.name),
    hasBody ? 'Content-Type' : undefined,
  ];
  return unique(names.filter((name): name is string => name !== undefined));
}

/** Every response header name the operations document, resolved through refs. */
function responseHeaders(document: OpenApiDocument): string[] {
  const names: string[] = [];
  for (const { operation } of operationsOf(document)) {
    for (const status of Object.keys(operation.responses ?? {})) {
      names.push(...Object.keys(responseOf(document, operation, Number(status))?.headers ?? {}));
    }
  }
  return unique(names);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An operation's deprecation dates, checked: a deprecated operation must say since when. */
function deprecationOf(operationId: string, operation: JsonNode): OperationDescription['deprecation'] {
  const [at, sunset] = [operation['x-astral-deprecated-at'], operation['x-astral-sunset'] ?? null];
  if (operation.deprecated !== true) {
    if (at !== undefined || sunset !== null) throw new Error(`${operationId} has deprecation dates but no deprecated: true`);
    return null;
  }
  if (typeof at !== 'string' || !DAY.test(at)) throw new Error(`${operationId} is deprecated: give x-astral-deprecated-at: YYYY-MM-DD`);
  if (sunset !== null && (typeof sunset !== 'string' || !DAY.test(sunset) || sunset <= at))
    throw new Error(`${operationId}: x-astral-sunset must be a YYYY-MM-DD after x-astral-deprecated-at`);
  return { at, sunset };
}

/** Distinct header names, case-insensitively, first spelling kept. */
function unique(names: string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()];
}

/**
 * Describes every operation of a bundled document. Two operations that would share a
 * client call name are an error here, at generation, not a shadowed call at run time.
 *
 * @example
 * ```ts
 * const { operations } = describeContract(bundle);
 * operations.listRaces.client; // { namespace: 'races', method: 'list' }
 * ```
 */
export function describeContract(document: OpenApiDocument): ContractDescription {
  const operations: Record<string, OperationDescription> = {};
  const callNames = new Map<string, string>();
  const defaultBodyLimit = bodyLimitOf(document);
  for (const location of operationsOf(document)) {
    const { operation, operationId } = location;
    const parameters = parametersOf(document, location);
    const query = parameters.filter((p) => p.in === 'query');
    const statuses = Object.keys(operation.responses ?? {}).map(Number);
    const success = statuses.filter((status) => status >= 200 && status < 300);
    const tag: string | null = operation.tags?.[0] ?? null;
    const client = { namespace: namespaceOf(tag ?? 'default'), method: methodOf(operationId, tag ?? 'default') };
    const callName = `${client.namespace}.${client.method}`;
    const clash = callNames.get(callName);
    if (clash) throw new Error(`${operationId} and ${clash} would both be client.${callName}`);
    callNames.set(callName, operationId);
    const security = [...new Set(securityRequirementsOf(document, operation).flat())];
    const bodyLimit = operation['x-astral-body-limit-bytes'] ?? defaultBodyLimit;
    if (!Number.isSafeInteger(bodyLimit) || bodyLimit <= 0)
      throw new Error(`${operationId}: x-astral-body-limit-bytes must be a positive integer`);
    const fields = success[0] === undefined ? [] : successFields(document, responseOf(document, operation, success[0]));
    operations[operationId] = {
      method: location.method,
      path: location.path,
      tag,
      client,
      pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: query.map((p) => p.name),
      queryDefaults: queryDefaults(document, query),
      contextualDefaults: contextualDefaults(query),
      hasBody: Boolean(operation.requestBody),
      requestContentTypes: Object.keys(resolveRef(document, operation.requestBody)?.content ?? {}),
      bodyLimitBytes: bodyLimit,
      statuses,
      successStatus: success[0] ?? null,
      envelope: success.every((status) => usesEnvelope(document, responseOf(document, operation, status))),
      successFields: fields,
      security,
      session: sessionEffect(operation, fields),
      idempotencyKey: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      requestHeaders: requestHeaders(document, parameters, security, Boolean(operation.requestBody)),
      deprecation: deprecationOf(operationId, operation),
    };
  }
  return {
    basePath: basePathOf(document),
    operations,
    errors: errorCatalogueOf(document),
    bodyLimitBytes: defaultBodyLimit,
    // A deprecated operation answers Deprecation (and Sunset): browser code must be able to read them.
    responseHeaders: unique([
      ...responseHeaders(document),
      ...(Object.values(operations).some((entry) => entry.deprecation) ? ['Deprecation', 'Sunset'] : []),
    ]),
  };
}
