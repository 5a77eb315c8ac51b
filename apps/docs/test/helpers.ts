// Shared by the docs tests: the contract's operations, read from the bundled document.
import { contract } from '@astral/openapi/contract';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export interface ContractOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
}

/** Every operation of the bundled contract with its summary, in contract order. */
export function contractOperations(document = contract): ContractOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      method,
      path,
      operationId: String(item[method].operationId),
      summary: String(item[method].summary),
    })),
  );
}
