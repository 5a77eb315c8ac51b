/**
 * The Activities use cases over their storage: the list's keyset pages (the shared cursor
 * over `activity_id`, whose pattern is read from the contract), creation with a new id,
 * and the creator-or-admin rule before any change.
 */
import type { Principal } from '../../domain/principal.js';
import { randomId } from '../../domain/ids.js';
import { contractId, keysetCursor, keysetPage, type Page } from '../../domain/keyset-cursor.js';
import { formatInstant } from '../../domain/time.js';
import type { ListActivitiesQuery, Activity, ActivityCreate, ActivityUpdate } from './model.js';
import { canModifyActivity, notCreator, activityNotFound } from './rules.js';
import type { ActivityStorage } from './storage.js';

const cursor = keysetCursor({ activityId: contractId('i', 'Activity', 'activity_id') });

export interface ActivityServiceOptions {
  activities: ActivityStorage;
  /** The clock, injectable so tests control "now" (timestamps). */
  now?: () => Date;
}

/**
 * The Activities use cases.
 *
 * @example
 * ```ts
 * const activities = new ActivityService({ activities: repository.activities });
 * const { data, nextCursor } = await activities.list({ limit: 20 });
 * ```
 */
export class ActivityService {
  private readonly activities: ActivityStorage;
  private readonly now: () => Date;

  constructor(options: ActivityServiceOptions) {
    this.activities = options.activities;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * At most `query.limit` activities in id order, after the position `query.cursor` names
   * (400 on `cursor` when this list did not issue it); `nextCursor` is `null` on the last page.
   */
  async list(query: ListActivitiesQuery): Promise<Page<Activity>> {
    const after = query.cursor === undefined ? {} : { afterId: cursor.decode(query.cursor).activityId };
    // One more than the page holds says whether another page follows, without a count.
    const found = await this.activities.list({ limit: query.limit + 1, ...after });
    return keysetPage(found, query.limit, (last) => cursor.encode({ activityId: last.activity_id }));
  }

  async get(activityId: string): Promise<Activity> {
    const activity = await this.activities.get(activityId);
    if (!activity) throw activityNotFound();
    return activity;
  }

  /** A new activity created by `principal`. */
  async create(body: ActivityCreate, principal: Principal): Promise<Activity> {
    const timestamp = formatInstant(this.now().getTime());
    return this.activities.insert({
      activity_id: randomId('activity'),
      name: body.name,
      description: body.description ?? null,
      created_by: principal.user_id,
      created_at: timestamp,
      updated_at: timestamp,
    });
  }

  /**
   * Changes only the fields supplied (`null` clears an optional one); `updated_at` moves
   * forward. Not found, or forbidden unless creator or admin (nothing written).
   */
  async update(activityId: string, patch: ActivityUpdate, principal: Principal): Promise<Activity> {
    const updated = await this.activities.update(activityId, (current) => {
      if (!canModifyActivity(principal, current)) throw notCreator('change');
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      // Strictly later than before, even for two updates in the same millisecond.
      const updatedAt = formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1));
      return { ...current, ...changes, updated_at: updatedAt };
    });
    if (!updated) throw activityNotFound();
    return updated;
  }

  /** Removes the activity; not found, or forbidden unless creator or admin. */
  async delete(activityId: string, principal: Principal): Promise<void> {
    const deleted = await this.activities.delete(activityId, (current) => {
      if (!canModifyActivity(principal, current)) throw notCreator('delete');
    });
    if (!deleted) throw activityNotFound();
  }
}
