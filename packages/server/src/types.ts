/**
 * The handler types, derived from the generated contract types: nothing here names a
 * route, a field or a status by hand. A contract change shows up as a compile error in
 * the handlers it affects.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { operations, operationTable } from '@astral/openapi';
import type { CorsOptions } from './cors.js';
import type { ApiError } from './errors.js';
import type { IdempotencyStore } from './idempotency-store.js';

/** Every operationId of the contract. */
export type OperationId = keyof operations & keyof typeof operationTable;

type Operation<Op extends OperationId> = operations[Op];
type Table<Op extends OperationId> = (typeof operationTable)[Op];

/** `never`/`undefined` slots of the generated types become an empty object for handlers. */
type OrEmpty<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;

/** The path parameters of an operation, as validated. */
export type PathParams<Op extends OperationId> = OrEmpty<Operation<Op>['parameters']['path']>;

type QueryShape<Op extends OperationId> = OrEmpty<Operation<Op>['parameters']['query']>;
type DefaultedKeys<Op extends OperationId> = keyof Table<Op>['queryDefaults'] & keyof QueryShape<Op>;

/**
 * The query of an operation after coercion and defaults: a parameter with a default in the
 * contract (`queryDefaults`, including the contextual `limit`) is always present.
 */
export type QueryParams<Op extends OperationId> = [DefaultedKeys<Op>] extends [never]
  ? QueryShape<Op>
  : Omit<QueryShape<Op>, DefaultedKeys<Op>> & Required<Pick<QueryShape<Op>, DefaultedKeys<Op>>>;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;

/** A response body: the JSON one, or the text of a text response (an iCalendar feed). */
type ResponseContent<T> = T extends { content: { 'text/calendar': infer Body } } ? Body : JsonContent<T>;

/** A body whose media types include JSON is parsed; one sent only as other types (a device file) is its raw bytes. */
type BodyContent<T> = T extends { content: infer Media } ? ('application/json' extends keyof Media ? JsonContent<T> : Buffer) : undefined;

/**
 * The request body of an operation: the parsed JSON, or a `Buffer` of the raw bytes for an
 * operation that takes other media types only (`importActivity`); `undefined` without a body.
 */
export type RequestBody<Op extends OperationId> = [NonNullable<Operation<Op>['requestBody']>] extends [never]
  ? undefined
  : BodyContent<NonNullable<Operation<Op>['requestBody']>>;

type Responses<Op extends OperationId> = Operation<Op>['responses'];

/** Every documented status of an operation. */
export type DocumentedStatus<Op extends OperationId> = keyof Responses<Op> & number;

/**
 * The result of a status: its body (JSON, or an iCalendar feed's text), or for a `text/event-stream` response the events,
 * typed by the contract's schema of one event, that the server sends as Server-Sent Events.
 */
type ResultOfStatus<Response, Status> = Response extends { content: { 'text/event-stream': infer Event } }
  ? { status: Status; events: AsyncIterable<Event>; headers?: Record<string, string> }
  : { status: Status; body: ResponseContent<Response>; headers?: Record<string, string> };

/**
 * What a handler returns: one of the operation's documented statuses with the body its
 * schema requires (or, for an event stream, its events). An undocumented status or a body
 * off the schema does not compile.
 */
export type HandlerResult<Op extends OperationId> = {
  [Status in DocumentedStatus<Op>]: ResultOfStatus<Responses<Op>[Status], Status>;
}[DocumentedStatus<Op>];

/** A secured operation always has a principal; an open one (`security: []`) may not. */
type PrincipalOf<Op extends OperationId, Principal> = Table<Op>['security'] extends readonly [] ? Principal | null : Principal;

/** What a handler receives: validated, coerced and defaulted input, and the caller. */
export interface HandlerContext<Op extends OperationId, Principal = unknown> {
  /** Path parameters, validated against the contract. */
  params: PathParams<Op>;
  /** Query parameters, coerced, with the contract's defaults (and contextual defaults) applied. */
  query: QueryParams<Op>;
  /** The names of the query parameters the caller sent (before defaults filled the rest). */
  sentQuery: ReadonlySet<keyof QueryShape<Op> & string>;
  /** The request body, validated against the contract (unknown and read-only fields rejected). */
  body: RequestBody<Op>;
  /** What `authenticate` returned for the request's credentials. */
  principal: PrincipalOf<Op, Principal>;
  /** The Fastify request, for its logger (`request.log`), id and raw headers. */
  request: FastifyRequest;
  /** Aborted when the client goes away before the response is complete: stop the work. */
  signal: AbortSignal;
}

/** One handler: may return a result or throw an `ApiError`. */
export type Handler<Op extends OperationId, Principal = unknown> = (
  context: HandlerContext<Op, Principal>,
) => HandlerResult<Op> | Promise<HandlerResult<Op>>;

/** One handler per operationId of the contract; a missing one is a compile error. */
export type Handlers<Principal = unknown> = {
  [Op in OperationId]: Handler<Op, Principal>;
};

/** The tags of the contract's operations (`Races`, `Organizations`...), read from the operation table. */
export type OperationTag = Table<OperationId>['tag'];

/** The operationIds whose `tag` in the operation table is `Tag`. */
export type OperationsOfTag<Tag extends OperationTag> = { [Op in OperationId]: Table<Op>['tag'] extends Tag ? Op : never }[OperationId];

/**
 * One handler per operation of a tag: what a resource serving that part of the contract
 * provides, without a hand-written list of its operations. An operation added to the tag is
 * a compile error in the resource until it is served.
 *
 * @example
 * ```ts
 * export type RaceHandlers = HandlersForTag<'Races', Principal>; // listRaces, createRace, getRace, updateRace, deleteRace
 * ```
 */
export type HandlersForTag<Tag extends OperationTag, Principal = unknown> = Pick<Handlers<Principal>, OperationsOfTag<Tag>>;

/**
 * The credentials a request carried, read from headers, and from the query string only on an
 * operation whose `security` lists an `in: query` scheme.
 */
export interface Credentials {
  /** The token of `Authorization: Bearer <token>`. */
  bearer?: string;
  /** The value of the contract's API key header (`X-API-Key`). */
  apiKey?: string;
  /** The value of the contract's query key (`feed_token`), on the operations that list its scheme only. */
  queryKey?: string;
}

/**
 * Resolves credentials to the app's principal; `null` means they are unknown, expired or
 * revoked (answered 401).
 */
export type Authenticate<Principal> = (credentials: Credentials, request: FastifyRequest) => Principal | null | Promise<Principal | null>;

/** How strictly responses are checked: see `createAstralServer`. */
export type ServerMode = 'development' | 'test' | 'production';

/** Options of `createAstralServer`. */
export interface AstralServerOptions<Principal> {
  /** One handler per operationId. */
  handlers: Handlers<Principal>;
  /** Resolves the request's credentials to a principal, or `null`. */
  authenticate: Authenticate<Principal>;
  /**
   * `development` and `test` validate every response against the contract (a violation is
   * logged and answered 500); `production` serialises with the response schemas instead,
   * dropping undeclared fields. Default `development`.
   */
  mode?: ServerMode;
  /**
   * Largest accepted request body in bytes, for every operation; default each operation's
   * own from the contract (`x-astral-body-limit-bytes`: 1 MiB, more where an operation states it).
   */
  bodyLimit?: number;
  /**
   * Maps an application's own errors (a domain's not-found, a storage's unique violation)
   * to an `ApiError`, for whatever a handler or `authenticate` throws; return `undefined`
   * for an unexpected error (logged, answered 500). Handlers then need no try/catch.
   */
  mapError?: (error: unknown) => ApiError | undefined;
  /**
   * Keeps the records of the contract's `Idempotency-Key` (on the operations that declare the
   * header: a retry with the same key and request replays the first response, another
   * request is a 422, one still running a 409). Default `memoryIdempotencyStore()`: one
   * process only, forgotten on restart. Several instances must share one store (a database).
   */
  idempotency?: IdempotencyStore;
  /** Fastify logger options; default `false`. Every log line carries the request id (`reqId`). */
  logger?: FastifyServerOptions['logger'];
  /**
   * Browser pages allowed to call the API from another origin (CORS); default none, and no
   * CORS header is sent. Preflights allow what the contract allows for the path.
   */
  cors?: CorsOptions;
}
