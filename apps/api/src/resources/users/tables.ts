/** The rows of the users storage: a session, an access token, a linked identity, and the four tables they live in. */
import type { UserRow } from './rows.js';

/** A session: the access tokens refreshed from one sign-in. */
export interface SessionRow {
  session_id: string;
  user_id: string;
  created_at: string;
  ended_at: string | null;
}

/** An access token as stored: its hash, never the token. */
export interface AccessTokenRow {
  token_hash: string;
  user_id: string;
  /** `null` for tokens outside any session (the development tokens, the admin CLI's). */
  session_id: string | null;
  /** Fixed-width ISO 8601 (`toISOString()`), so text order is time order; `null`: never expires. */
  expires_at: string | null;
  revoked_at: string | null;
}

/** An external identity (a Firebase user) linked to a user. */
export interface IdentityRow {
  provider: 'firebase';
  subject: string;
  user_id: string;
  created_at: string;
}

/** The tables the users storage reads and writes (created by the migrations). */
export interface UserTables {
  users: UserRow;
  access_tokens: AccessTokenRow;
  sessions: SessionRow;
  identities: IdentityRow;
}
