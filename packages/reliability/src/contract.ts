/**
 * What the suite asks of the contract, per operation, in the form its generators and its
 * oracle need. Reading the document is not done here: `@astral/openapi/reader` is the one
 * contract reader of the repository (refs with a cycle guard, parameters, examples,
 * security, read-only fields) and `@astral/openapi` carries the error catalogue and the
 * body limit it derived. That reader is the shared contract-reading layer, not the code
 * under test (the server, the API): the suite's independence lies in its oracle, Ajv
 * validating every answer against the contract's own schemas plus the checks in
 * `check-response.ts`, and in its generators, none of which the server shares.
 */
import { basePath, errorCatalogue, operationIds, operationTable, requestBodyLimitBytes, type OperationId } from '@astral/openapi';
import {
  contract,
  operationObject,
  operationParameters,
  operationRequestBodySchema,
  operationResponse,
  operationIsOpen,
  operationSecurity,
} from '@astral/openapi/contract';
import { examplesOf, inlineRefs, jsonContent, parameterExample, rebase, resolveRef } from '@astral/openapi/reader';

export { basePath, errorCatalogue, operationIds, operationSecurity, operationTable, requestBodyLimitBytes, type OperationId };
/** Whether the operation needs no credentials at all (`@astral/openapi`'s one test of openness). */
export const isOpen = operationIsOpen;

/**
 * Whether the operation's `403` is given only to a valid credential of a scheme it does not
 * list (`x-astral-forbidden: credential-scheme` on the response): anyone with an accepted
 * credential may call it, so a stranger to its target is not refused.
 */
export function forbidsOnlyCredentialSchemes(id: OperationId): boolean {
  return (operationResponse(id, 403) as Schema | undefined)?.['x-astral-forbidden'] === 'credential-scheme';
}

/** A JSON Schema node of the contract, resolved or not. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON Schema is walked by key
export type Schema = Record<string, any>;

/** One parameter of an operation, its schema inlined for the generators. */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
  /** The contract's example value of the parameter, if it gives one. */
  example?: unknown;
}

/**
 * Every parameter of an operation, path-level and operation-level, with every `$ref` of
 * its schema inlined (the generators read `maxLength`, `pattern`, `enum` directly).
 *
 * @example
 * ```ts
 * parameters('getRace').map((p) => p.name); // ["race_id"]
 * ```
 */
export function parameters(id: OperationId): Parameter[] {
  return operationParameters(id).map((p) => {
    const parameter: Parameter = {
      name: p.name,
      in: p.in,
      required: p.required === true,
      schema: inlineRefs(contract, p.schema ?? {}) as Schema,
    };
    const example = parameterExample(contract, p);
    if (example !== undefined) parameter.example = example;
    return parameter;
  });
}

/**
 * The JSON request body schema of an operation, inlined, or `undefined` when it takes none.
 *
 * @example
 * ```ts
 * requestBodySchema('createRace')?.required; // ["race_name", "race_type", ...]
 * ```
 */
export function requestBodySchema(id: OperationId): Schema | undefined {
  const schema = operationRequestBodySchema(id) as Schema | undefined;
  return schema === undefined ? undefined : (inlineRefs(contract, schema) as Schema);
}

/**
 * The `properties` of an object schema by name, each a schema; empty when it declares none.
 *
 * @example
 * ```ts
 * Object.keys(propertiesOf(requestBodySchema('createRace')!)); // ["race_name", "race_type", ...]
 * ```
 */
export function propertiesOf(schema: Schema): Record<string, Schema> {
  return schema.properties ?? {};
}

/**
 * The named request body examples of an operation, in contract order, each a fresh copy.
 *
 * @example
 * ```ts
 * requestBodyExamples('createRace')[0]; // { race_name: "Chicago Marathon", ... }
 * ```
 */
export function requestBodyExamples(id: OperationId): unknown[] {
  const { operation } = operationObject(id) as { operation: { requestBody?: unknown } };
  const media = jsonContent(contract, operation.requestBody) as unknown;
  return examplesOf(contract, media).map((example) => structuredClone(example.value));
}

/**
 * Which `details.code` values go with each status, from the contract's error catalogue
 * (ErrorCode's `x-astral-errors`): 400 with `VALIDATION_ERROR` and `INVALID_JSON`, 413 with
 * `PAYLOAD_TOO_LARGE`, and so on.
 *
 * @example
 * ```ts
 * codesByStatus().get(413); // Set { "PAYLOAD_TOO_LARGE" }
 * ```
 */
export function codesByStatus(): Map<number, Set<string>> {
  const byStatus = new Map<number, Set<string>>();
  for (const [code, { status }] of Object.entries(errorCatalogue)) {
    if (!byStatus.has(status)) byStatus.set(status, new Set());
    byStatus.get(status)!.add(code);
  }
  return byStatus;
}

/** The id under which the suite's Ajv registers the contract's components, so `#/components/...` refs resolve unchanged. */
export const CONTRACT_SCHEMA_ID = 'urn:astral:reliability:contract';

/**
 * A response schema of an operation with its refs pointing into the registered components.
 *
 * @example
 * ```ts
 * responseSchemaRef('getRace', 200); // { $ref: "urn:astral:reliability:contract#/components/schemas/RaceEnvelope" }
 * ```
 */
export function responseSchemaRef(id: OperationId, status: number): Schema | undefined {
  const media = jsonContent(contract, operationResponse(id, status)) as { schema?: Schema } | undefined;
  return media?.schema === undefined ? undefined : (rebase(media.schema, CONTRACT_SCHEMA_ID) as Schema);
}

/**
 * The schema of one event of a `text/event-stream` response, or `undefined` when the
 * response is no event stream.
 *
 * @example
 * ```ts
 * eventSchemaRef('streamPlan', 200); // { $ref: 'astral-contract#/components/schemas/PlanStreamEvent' }
 * ```
 */
export function eventSchemaRef(id: OperationId, status: number): Schema | undefined {
  const response = operationResponse(id, status) as { content?: Record<string, { schema?: Schema }> } | undefined;
  const schema = response?.content?.['text/event-stream']?.schema;
  return schema === undefined ? undefined : (rebase(schema, CONTRACT_SCHEMA_ID) as Schema);
}

/**
 * A text document a response answers instead of JSON (an iCalendar feed): its media type and
 * schema, or `undefined` for a JSON or event-stream response.
 *
 * @example
 * ```ts
 * textContent('getTrainingPlanInstanceCalendar', 200); // { mediaType: 'text/calendar', schema: { $ref: ... } }
 * ```
 */
export function textContent(id: OperationId, status: number): { mediaType: string; schema: Schema } | undefined {
  const response = operationResponse(id, status) as { content?: Record<string, { schema?: Schema }> } | undefined;
  const found = Object.entries(response?.content ?? {}).find(([type]) => type.startsWith('text/') && type !== 'text/event-stream');
  if (!found) return undefined;
  return { mediaType: found[0], schema: rebase(found[1].schema ?? {}, CONTRACT_SCHEMA_ID) as Schema };
}

/**
 * The contract's components as one schema document under {@link CONTRACT_SCHEMA_ID}, for Ajv.
 *
 * @example
 * ```ts
 * ajv.addSchema(componentsDocument());
 * ```
 */
export function componentsDocument(): Schema {
  return { $id: CONTRACT_SCHEMA_ID, components: { schemas: contract.components.schemas ?? {} } };
}

/**
 * The headers the contract documents on one response of an operation, by lower-case name,
 * each with its schema inlined: `Retry-After`, `RateLimit` and `RateLimit-Policy` on a 429,
 * `WWW-Authenticate` on a 401. Empty when it documents none.
 *
 * @example
 * ```ts
 * Object.keys(responseHeaders('requestVerification', 429)); // ["retry-after", "ratelimit", "ratelimit-policy"]
 * ```
 */
export function responseHeaders(id: OperationId, status: number): Record<string, Schema> {
  const response = operationResponse(id, status) as { headers?: Record<string, unknown> } | undefined;
  return Object.fromEntries(
    Object.entries(response?.headers ?? {}).map(([name, node]) => {
      const header = resolveRef<{ schema?: Schema }>(contract, node);
      return [name.toLowerCase(), inlineRefs(contract, header.schema ?? {}) as Schema];
    }),
  );
}

/**
 * The request body fields whose values are secrets the API must never send back: the
 * contract marks them `writeOnly` or `format: password` (passwords), or they carry a token
 * (`token`, `firebase_id_token`: an emailed link's token, an ID token).
 *
 * @example
 * ```ts
 * secretBodyFields('login'); // ["password"]
 * secretBodyFields('resetPassword'); // ["token", "password"]
 * ```
 */
export function secretBodyFields(id: OperationId): string[] {
  const schema = requestBodySchema(id);
  if (!schema) return [];
  return Object.entries(propertiesOf(schema))
    .filter(([name, property]) => property.writeOnly === true || property.format === 'password' || /(^|_)token$/.test(name))
    .map(([name]) => name);
}
