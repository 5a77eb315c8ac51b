// Facts read from the bundled contract, so no test hard-codes what the contract says.
import { contract } from '@astral/openapi/contract';
import { operationTable, type OperationId } from '@astral/openapi';

type Json = Record<string, any>;

function resolve(node: Json): Json {
  if (typeof node?.$ref !== 'string') return node;
  const target = (node.$ref as string)
    .slice(2)
    .split('/')
    .reduce<Json>((at, part) => at[part.replaceAll('~1', '/').replaceAll('~0', '~')], contract as Json);
  return resolve(target);
}

/** The response object an operation documents for a status. */
export function documentedResponse(operationId: OperationId, status: number): Json {
  const { method, path } = operationTable[operationId];
  return resolve(contract.paths[path]![method]!.responses[String(status)]);
}

/**
 * The `details.code` of the first named example of an error response: what the mock serves
 * for `Prefer: code=<status>`.
 */
export function firstExampleCode(operationId: OperationId, status: number): string {
  const examples = documentedResponse(operationId, status).content?.['application/json']?.examples as Json | undefined;
  const first = examples ? resolve(Object.values(examples)[0] as Json) : undefined;
  const code = first?.value?.details?.code;
  if (typeof code !== 'string') throw new Error(`${operationId} ${status}: no example with details.code`);
  return code;
}

/** The documented statuses of an operation that are errors (4xx/5xx). */
export function errorStatuses(operationId: OperationId): number[] {
  return operationTable[operationId].statuses.filter((s: number) => s >= 400);
}
