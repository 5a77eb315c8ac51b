/**
 * Where calendar feeds are kept: one row per user and plan instance, with only the SHA-256
 * hash of the feed's secret (like access tokens and API keys). A feed's secret resolves to its
 * maker only while their account is active (the same test as an access token's); whether they
 * may still read the instance is the service's question, asked at every read. Every query is
 * compiled once.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../../storage/context.js';
import { columnParams, prepareQuery } from '../../../storage/prepared.js';
import { platformRole, type TokenHolder, type User } from '../../users/model.js';
import type { UserRow } from '../../users/rows.js';

interface CalendarFeedRow {
  feed_hash: string;
  user_id: string;
  plan_instance_id: string;
  created_at: string;
  last_used_at: string | null;
}

/** The tables this storage reads and writes (created by the migrations). */
export interface CalendarFeedTables {
  calendar_feeds: CalendarFeedRow;
  users: UserRow;
}

/** A feed as its maker reads it back: never its secret. */
export type StoredCalendarFeed = Omit<CalendarFeedRow, 'feed_hash' | 'user_id'>;

/** What a feed's secret resolves to: its maker as a principal needs them, and its instance. */
export interface FeedHolder {
  user: Omit<TokenHolder, 'session_id' | 'expires_at'>;
  plan_instance_id: string;
}

export interface CalendarFeedStorage {
  /** The feed holding this secret's hash, if it exists and its maker's account is active. */
  findByHash(feedHash: string): Promise<FeedHolder | undefined>;
  /** Stores the user's feed of the instance, replacing the one they had (whose secret then finds nothing). */
  put(feed: Omit<CalendarFeedRow, 'last_used_at'>): Promise<void>;
  /** The user's feed of the instance. */
  get(userId: string, planInstanceId: string): Promise<StoredCalendarFeed | undefined>;
  /** Deletes the user's feed of the instance; whether there was one. */
  remove(userId: string, planInstanceId: string): Promise<boolean>;
  /** Records that the feed was read at `atIso`. */
  markUsed(feedHash: string, atIso: string): Promise<void>;
}

type HolderRow = Pick<UserRow, 'user_id' | 'username' | 'display_name' | 'email' | 'organization_id' | 'roles' | 'membership_role'> & {
  plan_instance_id: string;
};

const queries = (db: Kysely<CalendarFeedTables>) => ({
  byHash: prepareQuery<{ feedHash: string }, HolderRow>((param) =>
    db
      .selectFrom('calendar_feeds as f')
      .innerJoin('users as u', 'u.user_id', 'f.user_id')
      .select(['u.user_id', 'u.username', 'u.display_name', 'u.email', 'u.organization_id', 'u.roles', 'u.membership_role'])
      .select('f.plan_instance_id')
      .where('f.feed_hash', '=', param('feedHash'))
      .where('u.status', '=', 'active'),
  ),
  // One statement, so two makes at once leave exactly one feed, and the replaced secret finds nothing.
  upsert: prepareQuery<Omit<CalendarFeedRow, 'last_used_at'>, never>((param) =>
    db
      .insertInto('calendar_feeds')
      .values({ ...columnParams(param, ['feed_hash', 'user_id', 'plan_instance_id', 'created_at'] as const), last_used_at: null })
      .onConflict((oc) =>
        oc.columns(['user_id', 'plan_instance_id']).doUpdateSet((eb) => ({
          feed_hash: eb.ref('excluded.feed_hash'),
          created_at: eb.ref('excluded.created_at'),
          last_used_at: null,
        })),
      ),
  ),
  get: prepareQuery<{ userId: string; planInstanceId: string }, StoredCalendarFeed>((param) =>
    db
      .selectFrom('calendar_feeds')
      .select(['plan_instance_id', 'created_at', 'last_used_at'])
      .where('user_id', '=', param('userId'))
      .where('plan_instance_id', '=', param('planInstanceId')),
  ),
  remove: prepareQuery<{ userId: string; planInstanceId: string }, never>((param) =>
    db.deleteFrom('calendar_feeds').where('user_id', '=', param('userId')).where('plan_instance_id', '=', param('planInstanceId')),
  ),
  markUsed: prepareQuery<{ feedHash: string; at: string }, never>((param) =>
    db
      .updateTable('calendar_feeds')
      .set({ last_used_at: param('at') })
      .where('feed_hash', '=', param('feedHash')),
  ),
});

/**
 * The calendar feeds' storage on a database.
 *
 * @example
 * ```ts
 * const feeds = openCalendarFeedStorage(context.as<CalendarFeedTables>());
 * await feeds.get('usr_athlete1', 'pli_mayaspring');
 * ```
 */
export function openCalendarFeedStorage(context: StorageContext<CalendarFeedTables>): CalendarFeedStorage {
  const q = context.once(queries);
  return {
    async findByHash(feedHash) {
      const row = await context.first(q.byHash.bind({ feedHash }));
      if (!row) return undefined;
      const { roles, membership_role, plan_instance_id, ...user } = row;
      return {
        user: { ...user, role: platformRole({ roles: JSON.parse(roles) as User['roles'], membership_role }) },
        plan_instance_id,
      };
    },
    put: async (feed) => {
      await context.run(q.upsert.bind(feed));
    },
    get: (userId, planInstanceId) => context.first(q.get.bind({ userId, planInstanceId })),
    remove: async (userId, planInstanceId) => (await context.run(q.remove.bind({ userId, planInstanceId }))) > 0,
    markUsed: async (feedHash, at) => {
      await context.run(q.markUsed.bind({ feedHash, at }));
    },
  };
}
