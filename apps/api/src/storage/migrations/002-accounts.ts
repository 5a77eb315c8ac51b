/**
 * Migration 2: accounts. The first release's `users` grow into the canonical profile, with
 * their data kept; sessions, emailed tokens and linked identities arrive.
 *
 * - Existing users get a new account's defaults, `status: active`, `is_verified: false`,
 *   and `created_at`/`updated_at` of the migration (the first release kept no dates). Their
 *   `role` becomes `membership_role` and `roles` (`admin` → an athlete with `["user","admin"]`).
 * - Usernames become what the contract allows (`^[A-Za-z0-9_]{3,30}$`), unique ignoring
 *   case: `old.timer` → `old_timer` (then `old_timer2`...); a valid one is kept, the first
 *   by `user_id` keeping a name two users share in different cases.
 * - `username_key` and `email_key` (lowercased) carry unique indexes: two instances racing to
 *   take a name or an address get one success and one unique violation (409). An address
 *   two first-release users shared stays on both profiles but signs in only the first.
 * - The new columns are nullable: SQLite adds a `NOT NULL` column only with a constant
 *   default, and most of these have none (dates, per-user keys). The storage writes every one.
 *
 * Frozen: it must do the same on every database forever, so it uses none of today's code
 * beyond the storage layer (the defaults it writes are spelled out here).
 */
import { caseKey } from '../dialect.js';
import type { Migration } from './migration.js';

const newAccount = {
  preferences: {
    language: 'en',
    timezone: 'UTC',
    unit_system: 'metric',
    coach_persona: 'rex',
    workout_days: ['tuesday', 'thursday', 'saturday'],
  },
  privacy: {
    share_activity_in_profile: true,
    share_activity_with_group: true,
    share_activity_with_coach: true,
    share_activity_with_public: false,
    share_pace_data: true,
    share_activity_map: true,
    share_race_history: true,
    share_pb: true,
    share_race_goal: true,
    share_profile_info: true,
    share_training_data: true,
    share_with_coach: false,
  },
  notification_settings: {
    leaderboard_like: true,
    new_activity_like: true,
    new_activity_comment: true,
    new_follower: true,
    ai_coach_notification: true,
    email_notification: true,
    activity_completed_notification: true,
    workout_reminder: true,
  },
  zones: { heart_rate: null, pace: null },
  integrations: { strava: { connected: false }, garmin: { connected: false }, apple_health: { connected: false } },
};

const validUsername = /^[A-Za-z0-9_]{3,30}$/;

/** `base`, else `base2`, `base3`... (cut to 30 characters) whose lowercased form is not in `taken`. */
function freeUsername(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : String(n);
    const candidate = base.slice(0, 30 - suffix.length) + suffix;
    if (!taken.has(caseKey(candidate))) return candidate;
  }
}

export const accounts: Migration = {
  version: 2,
  name: 'accounts: user profiles, sessions, emailed tokens, linked identities',
  async up({ db, run, rows, dialect }) {
    const { schema } = db;
    const newColumns: Array<[string, 'text' | 'integer' | 'boolean']> = [
      ['username_key', 'text'],
      ['email_key', 'text'],
      ['first_name', 'text'],
      ['last_name', 'text'],
      ['bio', 'text'],
      ['profile_image_url', 'text'],
      ['status', 'text'],
      ['membership_role', 'text'],
      ['roles', 'text'],
      ['is_verified', dialect.booleanColumn],
      ['preferences', 'text'],
      ['privacy', 'text'],
      ['notification_settings', 'text'],
      ['zones', 'text'],
      ['subscription', 'text'],
      ['integrations', 'text'],
      ['password_hash', 'text'],
      ['created_at', 'text'],
      ['updated_at', 'text'],
      ['last_login_at', 'text'],
    ];
    for (const [column, type] of newColumns) await run(schema.alterTable('users').addColumn(column, type));

    const existing = await rows<{ user_id: string; username: string; email: string | null; role: string }>(
      db.selectFrom('users').select(['user_id', 'username', 'email', 'role']).orderBy('user_id'),
    );
    // Valid usernames first (the first user by id keeps a name shared in two cases), then the rest.
    const taken = new Set<string>();
    const usernames = new Map<string, string>();
    for (const user of existing) {
      if (validUsername.test(user.username) && !taken.has(caseKey(user.username))) {
        usernames.set(user.user_id, user.username);
        taken.add(caseKey(user.username));
      }
    }
    for (const user of existing) {
      if (usernames.has(user.user_id)) continue;
      let base = user.username.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30);
      if (base.length < 3) base = `${base}_user`.slice(0, 30);
      const username = freeUsername(base, taken);
      usernames.set(user.user_id, username);
      taken.add(caseKey(username));
    }
    const emails = new Set<string>();
    // Whole seconds, as the API writes instants.
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const user of existing) {
      const key = user.email === null ? null : caseKey(user.email.trim());
      const keptKey = key !== null && !emails.has(key) ? key : null;
      if (keptKey !== null) emails.add(keptKey);
      const username = usernames.get(user.user_id)!;
      await run(
        db
          .updateTable('users')
          .set({
            username,
            username_key: caseKey(username),
            email_key: keptKey,
            status: 'active',
            membership_role: user.role === 'coach' ? 'coach' : 'athlete',
            roles: JSON.stringify(user.role === 'admin' ? ['user', 'admin'] : ['user']),
            is_verified: dialect.toBoolean(false),
            preferences: JSON.stringify(newAccount.preferences),
            privacy: JSON.stringify(newAccount.privacy),
            notification_settings: JSON.stringify(newAccount.notification_settings),
            zones: JSON.stringify(newAccount.zones),
            subscription: JSON.stringify({ tier: 'free', status: 'active', started_at: now, expires_at: null }),
            integrations: JSON.stringify(newAccount.integrations),
            created_at: now,
            updated_at: now,
          })
          .where('user_id', '=', user.user_id),
      );
    }
    await run(schema.alterTable('users').dropColumn('role'));
    // Not `users_username_key`: PostgreSQL gave the first release's unique constraint that name.
    await run(schema.createIndex('users_username_ci').unique().on('users').column('username_key'));
    await run(schema.createIndex('users_email_ci').unique().on('users').column('email_key'));

    await run(
      schema
        .createTable('sessions')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text'),
    );
    await run(schema.createIndex('sessions_user').on('sessions').column('user_id'));
    // The first release's tokens (the development ones, the admin CLI's) belong to no session.
    await run(
      schema.alterTable('access_tokens').addColumn('session_id', 'text', (c) => c.references('sessions.session_id').onDelete('cascade')),
    );
    await run(
      schema
        .createTable('email_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.user_id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text'),
    );
    await run(
      schema
        .createTable('identities')
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('identities_pk', ['provider', 'subject']),
    );
    await run(schema.createIndex('identities_user').on('identities').column('user_id'));
  },
};
