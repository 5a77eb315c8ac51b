/**
 * The example request of an operation, read from the contract's own examples: what the docs'
 * samples show and what the contract tests send through the client, so a new operation is
 * sampled and exercised with no request written by hand.
 */
import type { JsonNode, OpenApiDocument } from './document.js';
import { examplesOf, jsonContent, parameterExample, parametersOf, responseOf, type OperationLocation } from './operations.js';
import { resolveRef } from './refs.js';

/** Path values, query and body of one example request. */
export interface ExampleRequest {
  /** Each path parameter's example (`{name}` when the contract gives none). */
  pathValues: Record<string, unknown>;
  /** The query that produced the first success example (its `metadata.filters`), else empty. */
  query: Record<string, unknown>;
  /** The first named request body example, when the operation takes a body. */
  body: unknown;
  /**
   * Set when the body is not JSON (a device file): the media type of the example in `body`,
   * the first the operation lists with an example value (GPX text for `importActivity`).
   */
  contentType?: string;
}

/**
 * Path parameters come from their `example`, the body from its first named example, and the
 * query from the first success example's `metadata.filters` (the query that example answers),
 * so the request and the response the mock serves for it belong together.
 *
 * @example
 * ```ts
 * exampleRequest(document, location).pathValues; // { race_id: 'race_xyz456' }
 * ```
 */
export function exampleRequest(document: OpenApiDocument, location: Pick<OperationLocation, 'pathItem' | 'operation'>): ExampleRequest {
  const parameters = parametersOf(document, location);
  const pathValues: Record<string, unknown> = {};
  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    pathValues[parameter.name] = parameterExample(document, parameter) ?? `{${parameter.name}}`;
  }
  const statuses = Object.keys(location.operation.responses ?? {}).map(Number);
  const success = statuses.find((status) => status >= 200 && status < 300);
  const successMedia = success === undefined ? undefined : jsonContent(document, responseOf(document, location.operation, success));
  const echoed: Record<string, unknown> = (examplesOf(document, successMedia)[0]?.value as JsonNode)?.metadata?.filters ?? {};
  const query: Record<string, unknown> = {};
  for (const parameter of parameters.filter((p) => p.in === 'query')) {
    if (echoed[parameter.name] !== undefined) query[parameter.name] = echoed[parameter.name];
  }
  const content: Record<string, JsonNode> = resolveRef(document, location.operation.requestBody)?.content ?? {};
  if (location.operation.requestBody && !content['application/json']) {
    // A file sent as itself: the first media type whose example shows its bytes (a FIT file's cannot).
    for (const [contentType, media] of Object.entries(content)) {
      const value = examplesOf(document, media).find((example) => example.value !== undefined)?.value;
      if (value !== undefined) return { pathValues, query, body: value, contentType };
    }
  }
  const body = location.operation.requestBody
    ? examplesOf(document, jsonContent(document, location.operation.requestBody))[0]?.value
    : undefined;
  return { pathValues, query, body };
}
