/** A token, or a function that returns the current one (for refreshing tokens). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

/** The credential of a client: a user's Bearer token or an organization's API key, or none. */
export type Credentials =
  { token: TokenSource; apiKey?: never } | { apiKey: string; token?: never } | { token?: undefined; apiKey?: undefined };

/** The auth headers for one request; a token function is called per request. */
export async function authHeaders(credentials: Credentials): Promise<Record<string, string>> {
  if (credentials.apiKey !== undefined) return { 'X-API-Key': credentials.apiKey };
  const token = typeof credentials.token === 'function' ? await credentials.token() : credentials.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}
