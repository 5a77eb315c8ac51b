/**
 * The ways a caller can present (or fail to present) credentials: the rows of the
 * authentication matrix, made from the principals a test installs.
 */

/** Who acts in a cell, relative to the owner of the resource it targets. */
export type Acting = 'anonymous' | 'owner' | 'stranger';

/** Request headers, by lower-case name. */
export type Headers = Record<string, string>;

/** One way of presenting credentials. */
export interface CredentialCase {
  name: string;
  /**
   * Headers the caller sends. For a case with `fresh`, a placeholder of the same scheme
   * (the real token is made per cell), so the matrix can still tell which scheme it presents.
   */
  headers: Headers;
  /** Query parameters the caller adds (credentials in the URL, which must be ignored). */
  query?: Record<string, string>;
  acting: Acting;
  /** Headers of whoever owns the targeted resource (defaults to the case's own headers). */
  ownerHeaders?: Headers;
  /**
   * Whether the credential belongs to a signed-in session (from login or sign-up). The
   * development tokens and tokens an admin issues have none, and an operation that spends
   * the caller's session (refresh, logout) refuses them with 403.
   */
  session?: boolean;
  /**
   * Makes a new credential of this case for one cell: a fresh signed-in session, so a cell
   * that refreshes or ends it never spends a token another cell relies on.
   */
  fresh?: () => Promise<Headers>;
}

/** The dev credentials and the extra principals a test installs. */
export interface MatrixPrincipals {
  /** A user's valid Bearer token without a session (a development token): `{ authorization: 'Bearer …' }`. */
  user: Headers;
  /** An organization's valid API key: `{ 'x-api-key': '…' }`. */
  apiKey: Headers;
  /** Another, non-admin user's valid token (no session). */
  otherUser?: Headers;
  /** Credentials the server must refuse although they once were valid. */
  revoked?: Array<{ name: string; headers: Headers }>;
  /** Signs a user in and resolves with the headers of that new session: one call per cell. */
  signIn?: () => Promise<Headers>;
  /**
   * Credentials of the contract's `in: query` schemes (`?feed_token=`) that the server must
   * refuse with a 401 everywhere: unknown or malformed where the operation lists the scheme,
   * not read at all where it does not.
   */
  queryCredentials?: Array<{ name: string; query: Record<string, string> }>;
}

/**
 * The credential cases: nothing, malformed headers, unknown and revoked credentials,
 * credentials in the query string, a valid development token, a valid token of a fresh
 * signed-in session (with `signIn`), a valid key, and another user's token.
 *
 * @example
 * ```ts
 * credentialCases({ user: { authorization: 'Bearer t' }, apiKey: { 'x-api-key': 'k' } }).length; // 11
 * ```
 */
export function credentialCases(principals: MatrixPrincipals): CredentialCase[] {
  const token = (principals.user.authorization ?? '').replace(/^Bearer /, '');
  const key = Object.values(principals.apiKey)[0] ?? '';
  const anonymous = (name: string, headers: Headers, query?: Record<string, string>): CredentialCase => ({
    name,
    headers,
    acting: 'anonymous',
    ownerHeaders: principals.user,
    ...(query ? { query } : {}),
  });
  const cases: CredentialCase[] = [
    anonymous('no credentials', {}),
    anonymous('malformed Authorization: scheme only', { authorization: 'Bearer' }),
    anonymous('malformed Authorization: Basic', { authorization: `Basic ${Buffer.from(`user:${token}`).toString('base64')}` }),
    anonymous('malformed Authorization: token without scheme', { authorization: token }),
    anonymous('malformed Authorization: two tokens', { authorization: `Bearer ${token} ${token}` }),
    anonymous('unknown token', { authorization: 'Bearer unknown-token-0000000000' }),
    anonymous('unknown API key', { 'x-api-key': 'unknown-key-0000000000' }),
    anonymous('API key in the query string', {}, { api_key: key, 'X-API-Key': key }),
    anonymous('token in the query string', {}, { access_token: token, token }),
    ...(principals.revoked ?? []).map((r) => anonymous(r.name, r.headers)),
    ...(principals.queryCredentials ?? []).map((q) => anonymous(q.name, {}, q.query)),
    { name: 'valid development token (no session)', headers: principals.user, acting: 'owner', session: false },
    { name: 'valid API key', headers: principals.apiKey, acting: 'owner' },
  ];
  if (principals.signIn) {
    cases.push({
      name: 'valid token of a fresh signed-in session',
      headers: { authorization: 'Bearer <a new session per cell>' },
      acting: 'owner',
      session: true,
      fresh: principals.signIn,
    });
  }
  if (principals.otherUser) {
    cases.push({
      name: "another user's token",
      headers: principals.otherUser,
      acting: 'stranger',
      ownerHeaders: principals.user,
      session: false,
    });
    cases.push({
      name: "a user's token on an organization's resource",
      headers: principals.user,
      acting: 'stranger',
      ownerHeaders: principals.apiKey,
      session: false,
    });
  }
  return cases;
}
