/**
 * JSON Schemas for routing, read from the bundled contract: the components document every
 * `$ref` points into, and per operation its params, query, body and response schemas.
 */
import { contract, operationObject, operationResponse, operationSecurity } from '@astral/openapi/contract';
import { operationTable } from '@astral/openapi';
import { examplesOf, readOnlyPropertyNames as readOnlyNames, securitySchemesOf, type JsonNode } from '@astral/openapi/reader';
import {
  annotationKeywordsOf,
  componentsDocumentOf,
  headerParameterNamesOf,
  rebase,
  requestSchemasOf,
  type RequestSchemas,
} from './document-schemas.js';
import type { OperationId } from './types.js';

export { CONTRACT_ID, closeObjects, rebase } from './document-schemas.js';

/** A node of the contract or of a JSON Schema (see `JsonNode`). */
type Json = JsonNode;

/** The document Ajv and Fastify register: the contract's schemas under one `$id`. */
export function componentsDocument(options: { closed?: boolean } = {}): Json {
  return componentsDocumentOf(contract, options);
}

/**
 * Non-validating keywords found in the contract's schemas (OpenAPI's `example`, the
 * `x-...` extensions): Ajv's strict mode rejects unknown keywords, so they are declared.
 */
export function annotationKeywords(): string[] {
  return annotationKeywordsOf(contract);
}

/** The JSON body schema of an operation's response, or `undefined` when it has no JSON body. */
export function responseSchema(id: OperationId, status: number): object | undefined {
  // A text answer (an iCalendar feed) is checked against its schema too: a string with its bounds.
  const content = operationResponse(id, status)?.content;
  const schema = (content?.['application/json'] ?? content?.['text/calendar'])?.schema;
  return schema === undefined ? undefined : (rebase(schema) as object);
}

/** The schema of one event of an operation's `text/event-stream` response, or `undefined` when it has none. */
export function eventSchema(id: OperationId, status: number): object | undefined {
  const schema = operationResponse(id, status)?.content?.['text/event-stream']?.schema;
  return schema === undefined ? undefined : (rebase(schema) as object);
}

/**
 * The schemas Fastify validates a route's request with. Header parameters are validated too,
 * by their lowercase names as Node reads them (Fastify lowercases a header schema only for
 * its own validator compiler, not ours); credentials are not among them, they are security
 * schemes.
 */
export function requestSchemas(id: OperationId): RequestSchemas {
  return requestSchemasOf(contract, operationObject(id));
}

/**
 * The contract's spelling of each header parameter, by lowercase name: a 400 names
 * `Idempotency-Key`, not the `idempotency-key` Fastify validated.
 */
export function headerParameterNames(): Map<string, string> {
  return headerParameterNamesOf(
    contract,
    (Object.keys(operationTable) as OperationId[]).map((id) => operationObject(id)),
  );
}

/** The first named example of an operation's success response (what the stubs answer): its JSON, or a text document's text (an iCalendar feed). */
export function successExample(id: OperationId): unknown {
  const status = operationTable[id].successStatus;
  const content = status === null ? undefined : operationResponse(id, status)?.content;
  const media = content?.['application/json'] ?? Object.entries(content ?? {}).find(([type]) => type !== 'text/event-stream')?.[1];
  return structuredClone(examplesOf(contract, media)[0]?.value);
}

/** The media type of an operation's success response when it is a text document (`text/calendar`), else `undefined`. */
export function successTextType(id: OperationId): string | undefined {
  const status = operationTable[id].successStatus;
  const content = status === null ? undefined : operationResponse(id, status)?.content;
  return Object.keys(content ?? {}).find((type) => type.startsWith('text/') && type !== 'text/event-stream');
}

/** The examples of an operation's `text/event-stream` success response (each one event), or `undefined` when it is no stream. */
export function successEvents(id: OperationId): unknown[] | undefined {
  const status = operationTable[id].successStatus;
  const media = status === null ? undefined : operationResponse(id, status)?.content?.['text/event-stream'];
  return media === undefined ? undefined : examplesOf(contract, media).map((example) => structuredClone(example.value));
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
