// The types of the resource layer, derived from the generated `operations` and the operation
// table: what each call takes and what it resolves to. Nothing here names a schema.
import type { OperationId as ContractOperationId, operationTable, operations } from '@astral/openapi';
import type { AstralApiError } from './errors.js';
import type { EventStream } from './event-stream.js';
import type { RetrySetting } from './retry.js';

type Table = typeof operationTable;
export type OperationId = ContractOperationId & keyof operations;

/** Options every resource call accepts as its last argument. */
export interface CallOptions {
  /** Cancels the call (rejects with code `ABORTED`). */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides the client's `retry` for this call. */
  retry?: RetrySetting;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}

type Parameters_<Op extends OperationId> = operations[Op]['parameters'];

/** Path parameters, positional, in the order they appear in the path. */
type PathArgs<Op extends OperationId> = PathTuple<Table[Op]['pathParams'], NonNullable<Parameters_<Op>['path']>>;
type PathTuple<Names, Params> = Names extends readonly [infer Name, ...infer Rest]
  ? [Name extends keyof Params ? Params[Name] : never, ...PathTuple<Rest, Params>]
  : [];

/** The JSON request body, required or optional as the contract says. */
type BodyArgs<Op extends OperationId> = [NonNullable<operations[Op]['requestBody']>] extends [never]
  ? []
  : NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer Body } }
    ? undefined extends operations[Op]['requestBody']
      ? [body?: Body]
      : [body: Body]
    : [];

/** The query object, when the operation has query parameters. */
type QueryArgs<Op extends OperationId> = [NonNullable<Parameters_<Op>['query']>] extends [never]
  ? []
  : undefined extends Parameters_<Op>['query']
    ? [query?: NonNullable<Parameters_<Op>['query']>]
    : [query: NonNullable<Parameters_<Op>['query']>];

/** Arguments of a resource call: path params, then body, then query, then options. */
export type CallArgs<Op extends OperationId> = [...PathArgs<Op>, ...BodyArgs<Op>, ...QueryArgs<Op>, options?: CallOptions];

/** The JSON body of the contract's success status. */
export type SuccessBody<Op extends OperationId> = operations[Op]['responses'] extends infer Responses
  ? Table[Op]['successStatus'] extends keyof Responses
    ? Responses[Table[Op]['successStatus']] extends { content: { 'application/json': infer Body } }
      ? Body
      : undefined
    : undefined
  : never;

/** The event of the success status when the contract declares it `text/event-stream`, else `never`. */
export type SuccessEvent<Op extends OperationId> = operations[Op]['responses'] extends infer Responses
  ? Table[Op]['successStatus'] extends keyof Responses
    ? Responses[Table[Op]['successStatus']] extends { content: { 'text/event-stream': infer Event } }
      ? Event
      : never
    : never
  : never;

/** The envelope without `status`: `{ data, metadata }`, `{ message }`... */
type WithoutStatus<Body> = { [K in keyof Body as K extends 'status' ? never : K]: Body[K] };

/**
 * What a call resolves to. An event stream (`text/event-stream`) is an `EventStream` of the
 * contract's events, iterated with `for await`. Enveloped bodies lose the envelope: `{ status, data }` becomes
 * `data`; an envelope with more than `data` (metadata, message) becomes the envelope
 * without `status`. Bodies the contract does not envelope (Auth) are returned as they are.
 */
export type CallResult<Op extends OperationId> = [SuccessEvent<Op>] extends [never] ? JsonCallResult<Op> : EventStream<SuccessEvent<Op>>;

type JsonCallResult<Op extends OperationId> = Table[Op]['envelope'] extends true
  ? [Exclude<keyof SuccessBody<Op>, 'status'>] extends ['data']
    ? SuccessBody<Op> extends { data: infer Data }
      ? Data
      : never
    : WithoutStatus<SuccessBody<Op>>
  : SuccessBody<Op>;

/** The result style: never rejects; exactly one of `data` and `error` is set. */
export type SafeResult<T> = { data: T; error: undefined } | { data: undefined; error: AstralApiError };

/** A throwing-style call: resolves to the result or rejects with `AstralApiError`. */
export type Call<Op extends OperationId> = (...args: CallArgs<Op>) => Promise<CallResult<Op>>;
/** A result-style call: resolves to `{ data, error }`. */
export type SafeCall<Op extends OperationId> = (...args: CallArgs<Op>) => Promise<SafeResult<CallResult<Op>>>;

/** `client.<namespace>.<method>`, as the generated operation table names each operation. */
type NamespaceOfOp<Op extends OperationId> = Table[Op]['client']['namespace'];
type MethodOfOp<Op extends OperationId> = Table[Op]['client']['method'];

/** `{ races: { list, get, ... }, auth: { me } }`, one namespace per tag. */
export type Resources<Style extends 'throw' | 'safe'> = {
  [Namespace in NamespaceOfOp<OperationId>]: {
    [Op in OperationId as NamespaceOfOp<Op> extends Namespace ? MethodOfOp<Op> : never]: Style extends 'throw' ? Call<Op> : SafeCall<Op>;
  };
};
