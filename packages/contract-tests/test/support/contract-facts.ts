// Facts read from the bundled contract, so no test hard-codes what the contract says. The
// document is read with @astral/openapi's reader; the tests' oracle is Prism, not it.
import { contract, operationObject, operationParameters, operationResponse } from '@astral/openapi/contract';
import { examplesOf, jsonContent, parameterExample } from '@astral/openapi/reader';
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
}

/**
 * A request the contract accepts for an operation, from its examples only: each path
 * parameter's example, each required query parameter's example, the first request body
 * example. Nothing per operation is written by hand, so a new resource gets one too.
 *
 * @example
 * ```ts
 * exampleRequest('getRace'); // { method: 'GET', path: '/races/race_xyz456' }
 * ```
 */
export function exampleRequest(operationId: OperationId): ExampleRequest {
  const entry = operationTable[operationId];
  const example = (name: string, location: string): string => {
    const parameter = operationParameters(operationId).find((p) => p.name === name && p.in === location);
    const value = parameter && parameterExample(contract, parameter);
    if (value === undefined) throw new Error(`${operationId}: ${location} parameter ${name} has no example`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(example(name, 'path')));
  const required = operationParameters(operationId).filter((p) => p.in === 'query' && p.required);
  const query = new URLSearchParams(required.map((p) => [p.name, example(p.name, 'query')])).toString();
  const request: ExampleRequest = { method: entry.method.toUpperCase(), path: query ? `${path}?${query}` : path };
  if (entry.hasBody) {
    const [body] = examplesOf(contract, jsonContent(contract, operationObject(operationId).operation.requestBody));
    if (!body) throw new Error(`${operationId}: the request body has no example`);
    request.body = body.value;
  }
  return request;
}
