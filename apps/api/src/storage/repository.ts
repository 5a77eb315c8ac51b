/**
 * The storage interface the domain and the handlers use. SQLite implements it
 * (`sqlite.ts`); a server database (PostgreSQL, MySQL) implements the same interface and
 * nothing above this file changes. Every method is async so a networked driver fits.
 */
import type { Principal, Race, StoredRace } from '../domain/types.js';

/** The list query after parsing, in storage terms. Filters combine with AND. */
export interface RaceQuery {
  raceType?: string;
  /** Exact match, case-insensitive. */
  raceSubtype?: string;
  /** Partial match on the location, case-insensitive. */
  location?: string;
  /** Partial match on the name or the location, case-insensitive. */
  search?: string;
  /** Inclusive lower bound on `race_date`, epoch milliseconds. */
  dateFromMs?: number;
  /** Inclusive upper bound on `race_date`, epoch milliseconds. */
  dateToMs?: number;
  /** Exclusive lower bound on `race_date` (the `upcoming` flag), epoch milliseconds. */
  afterMs?: number;
  /** At most this many races, ordered by `race_date` then `race_id`. */
  limit: number;
}

/** A participant registered for a race (the leaderboard `participants_count` counts). */
export interface Participant {
  participant_id: string;
  race_id: string;
  user_id: string | null;
  display_name: string;
  registered_at: string;
}

export interface UserRecord {
  user_id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: 'athlete' | 'coach' | 'admin';
  organization_id: string | null;
}

export interface OrganizationRecord {
  organization_id: string;
  username: string;
  display_name: string;
}

/** Everything a first start writes, in one transaction. Credentials are hashes only. */
export interface SeedData {
  organizations: OrganizationRecord[];
  users: UserRecord[];
  accessTokens: Array<{ token_hash: string; user_id: string }>;
  apiKeys: Array<{ key_hash: string; organization_id: string }>;
  races: StoredRace[];
  participants: Participant[];
}

/** Thrown by `insert`/`update` when another race has the same name on the same UTC date. */
export class DuplicateRaceError extends Error {
  override name = 'DuplicateRaceError';
}

export interface RaceRepository {
  /** Races matching the query, `race_date` ascending then `race_id`, at most `limit`. */
  list(query: RaceQuery): Promise<Race[]>;
  get(raceId: string): Promise<Race | undefined>;
  /** Adds a race; throws `DuplicateRaceError` on the same name (case-insensitive) and UTC date. */
  insert(race: StoredRace): Promise<Race>;
  /**
   * Reads the race, asks `change` for its new state and writes it, all in one transaction:
   * if `change` throws (not allowed, invalid), nothing is written. Returns `undefined` when
   * the race does not exist; throws `DuplicateRaceError` like `insert`.
   */
  update(raceId: string, change: (current: Race) => StoredRace): Promise<Race | undefined>;
  /**
   * Removes the race and its participants in one transaction, after `guard` (which throws
   * to refuse) has seen it. Returns false when the race does not exist.
   */
  delete(raceId: string, guard: (current: Race) => void): Promise<boolean>;
  addParticipant(participant: Participant): Promise<void>;
}

export interface PrincipalRepository {
  /** The user holding this access-token hash, if it is known and neither expired nor revoked. */
  findByTokenHash(tokenHash: string, nowIso: string): Promise<Principal | undefined>;
  /** The organization holding this API-key hash, if it is known and not revoked. */
  findByApiKeyHash(keyHash: string): Promise<Principal | undefined>;
  createOrganization(organization: OrganizationRecord): Promise<void>;
  createUser(user: UserRecord): Promise<void>;
  addAccessToken(userId: string, tokenHash: string, expiresAt?: string): Promise<void>;
  addApiKey(organizationId: string, keyHash: string): Promise<void>;
}

/** The whole storage: one object per concern, and the lifecycle. */
export interface Repository {
  races: RaceRepository;
  principals: PrincipalRepository;
  /** Writes the seed once; false (and nothing written) when the database was seeded before. */
  seed(data: SeedData): Promise<boolean>;
  /** Flushes and closes; later calls are no-ops. */
  close(): Promise<void>;
}
