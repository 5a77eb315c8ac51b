/**
 * A signed-in session kept by the client: the access token, renewed before it expires.
 * The API has no refresh token: `POST /auth/token/refresh` takes the current, unexpired
 * token, so the client refreshes ahead of `expires_at` (once, however many calls are in
 * flight) and every call after sign-in needs no token handling in the app.
 */

/** The part of a sign-in or refresh answer the client keeps. */
export interface SessionToken {
  access_token: string;
  /** ISO 8601, as every answer that issues a token gives it. */
  expires_at: string;
}

/** How the client keeps a session. */
export interface SessionOptions {
  /** The session to start with (stored by the app from an earlier sign-in), or `null`. */
  session: SessionToken | null;
  /** Told every new session (sign-in, refresh) and `null` when it ends (logout, rejected token); persist it here. */
  onSessionChange?: (session: SessionToken | null) => void;
  /** Refresh when fewer than this many seconds are left (default 300). */
  refreshBeforeSeconds?: number;
}

/** The session state behind a client. */
export interface SessionKeeper {
  /** The token for the next request, refreshed first when it is about to expire. */
  token(): Promise<string | undefined>;
  /** Adopts a new session, or ends it (`null`). */
  set(session: SessionToken | null): void;
  readonly current: SessionToken | null;
}

/**
 * Keeps a session, refreshing through `refresh` (the contract's refresh call, with the
 * token given) when it is within `refreshBeforeSeconds` of expiring.
 *
 * @example
 * ```ts
 * const keeper = createSessionKeeper({ session, onSessionChange: save }, (token) => refreshWith(token));
 * await keeper.token(); // the current token, or a new one if it was about to expire
 * ```
 */
export function createSessionKeeper(
  options: SessionOptions,
  refresh: (token: string) => Promise<SessionToken>,
  now: () => number = Date.now,
): SessionKeeper {
  const marginMs = (options.refreshBeforeSeconds ?? 300) * 1000;
  let current = options.session;
  let refreshing: Promise<void> | undefined;

  const set = (session: SessionToken | null) => {
    if (session === null && current === null) return;
    current = session;
    options.onSessionChange?.(session);
  };

  const refreshOnce = (session: SessionToken) =>
    (refreshing ??= refresh(session.access_token)
      .then(
        (next) => {
          // A sign-in or logout that happened meanwhile wins over this refresh.
          if (current === session) set(next);
        },
        () => {
          // The token was refused (expired or revoked): keep it; the call gets its 401.
        },
      )
      .finally(() => {
        refreshing = undefined;
      }));

  return {
    async token() {
      const session = current;
      if (!session) return undefined;
      const expiresAt = Date.parse(session.expires_at);
      const left = expiresAt - now();
      if (Number.isFinite(expiresAt) && left > 0 && left <= marginMs) await refreshOnce(session);
      return current?.access_token;
    },
    set,
    get current() {
      return current;
    },
  };
}
