/**
 * The Astral API contract, as types and as data.
 *
 * Types come from openapi-typescript; the operation table, the error catalogue and the
 * body limit are derived from the bundled document by the reader (`./reader`). All are
 * generated into `src/generated/` by `turbo run generate`.
 *
 * @example
 * ```ts
 * import { errorCatalogue, operationTable, type components } from '@astral/openapi';
 * type Race = components['schemas']['Race'];
 * operationTable.getRace.path; // "/races/{race_id}"
 * operationTable.getRace.client; // { namespace: "races", method: "get" }
 * errorCatalogue.NOT_FOUND.status; // 404
 * ```
 */
import { operationTable } from './generated/operations.js';

export type { paths, components, operations } from './generated/schema.js';
export { basePath, errorCatalogue, operationTable, requestBodyLimitBytes, responseHeaderNames } from './generated/operations.js';
export { allowedAt, bodyLimitAt, methodsAllowedFor, operationAt, type PathAllowance } from './methods.js';
export { deprecationHeaders, deprecationHeadersAt, deprecationHeadersOf } from './deprecation.js';
export { queryDefaulter } from './query-defaults.js';
export { errorBody, errorStatus, type ErrorBody, type ErrorCode } from './errors.js';

/** Every operationId of the contract. */
export type OperationId = keyof typeof operationTable;
/** What the table knows about one operation. */
export type OperationEntry = (typeof operationTable)[OperationId];
/** The operationIds in contract order. */
export const operationIds = Object.keys(operationTable) as OperationId[];
