// Facts read from the bundled contract, so no test hard-codes what the contract says. The
// document is read with @astral/openapi's reader; the tests' oracle is Prism, not it.
import { contract, operationObject, operationParameters, operationResponse } from '@astral/openapi/contract';
import { examplesOf, exampleRequest as readerExampleRequest, jsonContent, parameterExample } from '@astral/openapi/reader';
import { operationTable, type OperationId } from '@astral/openapi';

/**
 * The `details.code` of the first named example of an error response: what the mock serves
 * for `Prefer: code=<status>`.
 */
export function firstExampleCode(operationId: OperationId, status: number): string {
  const [first] = examplesOf(contract, jsonContent(contract, operationResponse(operationId, status)));
  const code = (first?.value as { details?: { code?: unknown } } | undefined)?.details?.code;
  if (typeof code !== 'string') throw new Error(`${operationId} ${status}: no example with details.code`);
  return code;
}

/** The documented statuses of an operation that are errors (4xx/5xx). */
export function errorStatuses(operationId: OperationId): number[] {
  return operationTable[operationId].statuses.filter((s: number) => s >= 400);
}

/** The documented success statuses beyond the first (`exchangeFirebaseToken`'s 201 beside its 200). */
export function otherSuccessStatuses(operationId: OperationId): number[] {
  return operationTable[operationId].statuses.filter((s: number) => s < 300 && s !== operationTable[operationId].successStatus);
}

/** A request built from the contract's own examples. */
export interface ExampleRequest {
  method: string;
  /** Below the base path, query included: `/races/race_xyz456`. */
  path: string;
  body?: unknown;
  /** Set for a body sent as itself (a device file): its media type; `body` is then its text. */
  contentType?: string;
}

/**
 * A request the contract accepts for an operation, from its examples only: the reader's
 * example request (each path parameter's example, the first request body example) as a
 * method and a path, plus each required query parameter's example. Nothing per operation
 * is written by hand, so a new resource gets one too.
 *
 * @example
 * ```ts
 * exampleRequest('getRace'); // { method: 'GET', path: '/races/race_xyz456' }
 * ```
 */
export function exampleRequest(operationId: OperationId): ExampleRequest {
  const entry = operationTable[operationId];
  const example = readerExampleRequest(contract, operationObject(operationId));
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = example.pathValues[name];
    if (value === `{${name}}`) throw new Error(`${operationId}: path parameter ${name} has no example`);
    return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
  });
  const required = operationParameters(operationId).filter((p) => p.in === 'query' && p.required);
  const query = new URLSearchParams(
    required.map((p) => {
      const value = parameterExample(contract, p);
      if (value === undefined) throw new Error(`${operationId}: query parameter ${p.name} has no example`);
      return [p.name, typeof value === 'string' ? value : JSON.stringify(value)];
    }),
  ).toString();
  const request: ExampleRequest = { method: entry.method.toUpperCase(), path: query ? `${path}?${query}` : path };
  if (entry.hasBody) {
    if (example.body === undefined) throw new Error(`${operationId}: the request body has no example`);
    request.body = example.body;
    if (example.contentType !== undefined) request.contentType = example.contentType;
  }
  return request;
}

/** The headers and body that send an example request: JSON, or a device file's bytes with its media type. */
export function bodyOf(request: ExampleRequest): { headers: Record<string, string>; body?: string } {
  if (request.body === undefined) return { headers: {} };
  // A device file's example is its text (GPX); the reader gives none for a binary format.
  if (request.contentType !== undefined) return { headers: { 'Content-Type': request.contentType }, body: request.body as string };
  return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request.body) };
}
