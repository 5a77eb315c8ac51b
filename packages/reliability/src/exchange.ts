/**
 * One HTTP exchange as the suite sees it: the request it sends, the answer it gets, and the
 * function that carries one to the other. Kept apart from the modules that build requests,
 * send them and judge answers, so each of those imports these types and none imports another
 * only for them (that was a five-module import cycle).
 */
import type { OperationId } from '@astral/openapi';

/** One HTTP request, complete enough to replay byte for byte. */
export interface ApiRequest {
  operationId: OperationId;
  method: string;
  /** Path from the host: base path, path parameters and query string, encoded. */
  url: string;
  headers: Record<string, string>;
  /** The raw body, when one is sent: text, or a device file's bytes. */
  body?: string | Uint8Array;
  /**
   * `valid`: the contract accepts it. Otherwise what was broken, and where; `code` when the
   * answer's `details.code` is not the location's usual one (a refused device file names why).
   */
  broken?: { kind: string; location: 'path' | 'query' | 'body' | 'content-type'; field?: string; code?: string };
}

/** An answer as the client saw it. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one request and resolves with the answer as the client saw it. */
export type Send = (request: ApiRequest) => Promise<ApiResponse>;
