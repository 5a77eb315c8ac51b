/** A token, or a function that returns the current one (for refreshing tokens). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

import type { SessionOptions } from './session.js';

type NoSession = { [K in keyof SessionOptions]?: never };

/**
 * The credential of a client: a user's Bearer token, an organization's API key, a session
 * the client keeps and refreshes itself (`session`), or none.
 */
export type Credentials =
  | ({ token: TokenSource; apiKey?: never } & NoSession)
  | ({ apiKey: string; token?: never } & NoSession)
  | (SessionOptions & { token?: never; apiKey?: never })
  | ({ token?: undefined; apiKey?: undefined } & NoSession);

/** The auth headers for one request; a token function is called per request. */
export async function authHeaders(credentials: Credentials): Promise<Record<string, string>> {
  if (credentials.apiKey !== undefined) return { 'X-API-Key': credentials.apiKey };
  const token = typeof credentials.token === 'function' ? await credentials.token() : credentials.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}
