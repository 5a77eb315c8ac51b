/**
 * Who is calling. Every layer above the domain speaks of the caller: the server's
 * authenticator makes one, every resource's rules and handlers read it. It lives here, at the
 * bottom, so that a resource need not import another (users) to name its caller.
 */
import type { components } from '@astral/openapi';

/** The access token a request carried: its hash, and its session (`null` for tokens outside any session). */
export interface CallerToken {
  readonly hash: string;
  /** `null` for the development tokens and those the admin CLI issues: they cannot be refreshed or signed out. */
  readonly sessionId: string | null;
}

/**
 * Who is calling: a user (Bearer token) or an organization (API key), as the contract's
 * `UserProfile` describes it, plus the token a user called with (what refresh and logout
 * act on). `GET /auth/me` answers `callerProfile(principal)`, never the principal itself.
 */
// `org_id` is `organization_id` under the users resource's name: `callerProfile` derives it.
export type Principal = Omit<components['schemas']['UserProfile'], 'org_id'> & {
  /** The access token of the request; absent for an API key. */
  readonly token?: CallerToken;
  /**
   * Set when the caller is a calendar feed's `feed_token`: its maker, with one right only,
   * reading this instance's calendar (the server reads the token on that operation only).
   */
  readonly calendarFeed?: CalendarFeedGrant;
};

/** What a calendar feed's token grants: one instance's calendar, read as its maker. */
export interface CalendarFeedGrant {
  readonly planInstanceId: string;
  /** The stored hash of the feed's secret (to record its last use). */
  readonly feedHash: string;
}
