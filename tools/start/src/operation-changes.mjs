// When npm start watches a copy of the contract (ASTRAL_CONTRACT_DIR), the servers keep the
// operation table compiled from the workspace's contract: rebuilding it from the copy would
// overwrite the workspace's build. What the copy adds or removes is then said, not hidden.
// (Imported only after the start-up build: @astral/openapi is compiled by it.)
import { readFile } from 'node:fs/promises';

const key = ({ method, path }) => `${method.toUpperCase()} ${path}`;

/** "GET /races/{race_id}" for each operation of the table the servers load (@astral/openapi). */
export async function servedOperations() {
  const { operationTable } = await import('@astral/openapi');
  return Object.values(operationTable).map(key);
}

/**
 * What a bundled contract adds to or removes from the served operations, one phrase each.
 *
 * @example
 * await operationChanges(['GET /races', 'DELETE /races/{race_id}'], 'out/contract/openapi.json');
 * // ['GET /races/{race_id}/results is new', 'DELETE /races/{race_id} is gone']
 */
export async function operationChanges(served, contractJson) {
  const { operationsOf } = await import('@astral/openapi/reader');
  const edited = operationsOf(JSON.parse(await readFile(contractJson, 'utf8'))).map(key);
  return [
    ...edited.filter((operation) => !served.includes(operation)).map((operation) => `${operation} is new`),
    ...served.filter((operation) => !edited.includes(operation)).map((operation) => `${operation} is gone`),
  ];
}
