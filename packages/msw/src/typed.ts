/**
 * Typed per-test overrides: openapi-msw's `http` over the contract's `paths` (the types the
 * client uses), and the same keyed by operationId, so a path, a parameter, a status or a
 * body the contract does not have fails to compile.
 */
import type { HttpHandler } from 'msw';
import { createOpenApiHttp, type OpenApiHttpHandlers, type ResponseResolver } from 'openapi-msw';
import { basePath, operationTable, type OperationId, type paths } from '@astral/openapi';
import { contractDocument } from './contract-document.js';
import { exampleResponse, type ExampleChoice } from './examples.js';
import type { HandlerOptions } from './handlers.js';
import { servedContract } from './operations.js';

/** openapi-msw's `http`, typed by the contract's `paths`. */
export type AstralHttp = OpenApiHttpHandlers<paths>;

/** The resolver of one operation: its params, query, body and responses typed by the contract. */
export type OperationResolver<Id extends OperationId> = ResponseResolver<
  paths,
  (typeof operationTable)[Id]['path'],
  (typeof operationTable)[Id]['method']
>;

/** The statuses an operation documents. */
export type DocumentedStatus<Id extends OperationId> = (typeof operationTable)[Id]['statuses'][number];

/**
 * A typed `http` for overrides, mounted where the default handlers are.
 *
 * @example
 * ```ts
 * const http = createAstralHttp();
 * server.use(http.get('/races/{race_id}', ({ params, response }) => response(404).json({ error: `No ${params.race_id}`, details: { code: 'NOT_FOUND', field: 'race_id' } })));
 * ```
 */
export function createAstralHttp(options: HandlerOptions = {}): AstralHttp {
  return createOpenApiHttp<paths>({ baseUrl: options.baseUrl ?? `*${basePath}` });
}

/** The typed `http` on the default base URL (any origin, the contract's base path). */
export const astralHttp: AstralHttp = createAstralHttp();

type AnyFactory = (path: string, resolver: unknown) => HttpHandler;

/**
 * A typed override of one operation, by operationId.
 *
 * @example
 * ```ts
 * server.use(
 *   handle('listRaces', ({ query, response }) =>
 *     response(200).json({ status: 'ok', data: [], metadata: { total: 0, next_cursor: null, filters: { limit: Number(query.get('limit') ?? 50) } } }),
 *   ),
 * );
 * ```
 */
export function handle<Id extends OperationId>(
  operationId: Id,
  resolver: OperationResolver<Id>,
  options: HandlerOptions = {},
): HttpHandler {
  const { method, path } = operationTable[operationId];
  const http = options.baseUrl === undefined ? astralHttp : createAstralHttp(options);
  return (http[method] as unknown as AnyFactory)(path, resolver);
}

/**
 * An override that answers one documented response of an operation with its example
 * (the first, or the one named): the error and empty states of a page, with no body
 * written by hand.
 *
 * @example
 * ```ts
 * server.use(respondWithExample('getRace', 404));
 * server.use(respondWithExample('getRace', 200, { example: 'sparseTrailRace' }));
 * ```
 */
export function respondWithExample<Id extends OperationId>(
  operationId: Id,
  status: DocumentedStatus<Id>,
  choice: ExampleChoice = {},
  options: HandlerOptions = {},
): HttpHandler {
  const location = servedContract(contractDocument).operations.find((o) => o.location.operationId === operationId)!.location;
  return handle(
    operationId,
    (() => exampleResponse(contractDocument, location, status, choice)) as unknown as OperationResolver<Id>,
    options,
  );
}
