/**
 * The Activities use cases over their storage: who may read and change whose activities
 * (access.ts over the facts the storage reads), one athlete's pages newest first, creation
 * with a summary, partial updates that write the summary again, and the streams.
 */
import { InvalidError, NotFoundError } from '../../domain/errors.js';
import { randomId } from '../../domain/ids.js';
import type { Principal } from '../../domain/principal.js';
import { formatInstant, isWritableInstant, parseInstant } from '../../domain/time.js';
import { keysetPage, type Page } from '../../domain/keyset-cursor.js';
import { contractDefaults } from '../users/defaults.js';
import { accessFor, dependsOnGroup, relationTo, type Access, type ViewerFacts } from './access.js';
import { decodeCursor, encodeCursor, filtersFingerprint } from './cursor.js';
import type {
  Activity,
  ActivityCreate,
  ActivityRow,
  ActivityStatus,
  ActivityStreams,
  ActivityStreamsQuery,
  ActivityUpdate,
  ListActivitiesQuery,
} from './model.js';
import { activityNotFound, keyNamesAthlete, mayNotLog, mayNotRead, planInstanceNotFound, readOnly } from './rules.js';
import type { ActivityStorage } from './storage.js';
import { selectStreams, typesAskedFor } from './streams.js';
import { ruleSummarizer, withSummary, type Summarizer } from './summary.js';
import { activityView } from './view.js';

const privacyDefaults = contractDefaults('PrivacySettings');
const outsideAnyOrganization: ViewerFacts = { organizationId: null, role: null, suspended: false };
const statusValues: readonly ActivityStatus[] = ['completed', 'scheduled', 'skipped', 'cancelled'];

/** Who follows a plan instance: its athlete's user id, `undefined` when there is no such instance. */
export type PlanInstanceAthlete = (planInstanceId: string) => Promise<string | undefined>;

export interface ActivityServiceOptions {
  activities: ActivityStorage;
  /** Checks a `plan_instance_id` against the plan instances (the training plans resource). */
  planInstanceAthlete: PlanInstanceAthlete;
  /** Writes the summaries; the rule-based one by default. */
  summarizer?: Summarizer;
  /** The clock, injectable so tests control "now" (timestamps). */
  now?: () => Date;
}

/** A date-time of the contract as epoch milliseconds (the contract checked its form); a 400 on `field` for a year outside 0-9999. */
function instant(value: string, field: string): number {
  const ms = parseInstant(value);
  if (ms === undefined || !isWritableInstant(ms))
    throw new InvalidError(field, `${field} must be an ISO 8601 date-time between the years 0 and 9999`);
  return ms;
}

/** The moving time cannot exceed the duration, nor the average heart rate the maximum. */
function checkMetrics(row: ActivityRow): void {
  if (row.moving_time_seconds !== null && row.moving_time_seconds > row.duration_seconds) {
    throw new InvalidError('moving_time_seconds', 'moving_time_seconds must not exceed duration_seconds');
  }
  if (row.average_heart_rate !== null && row.max_heart_rate !== null && row.average_heart_rate > row.max_heart_rate) {
    throw new InvalidError('max_heart_rate', 'max_heart_rate must not be below average_heart_rate');
  }
}

/**
 * The Activities use cases.
 *
 * @example
 * ```ts
 * const activities = new ActivityService({ activities: repository.activities, planInstanceAthlete });
 * const { data, nextCursor } = await activities.list({ limit: 20 }, principal);
 * ```
 */
export class ActivityService {
  private readonly activities: ActivityStorage;
  private readonly summarizer: Summarizer;
  private readonly now: () => Date;
  private readonly planInstanceAthlete: PlanInstanceAthlete;

  constructor(options: ActivityServiceOptions) {
    this.activities = options.activities;
    this.summarizer = options.summarizer ?? ruleSummarizer;
    this.now = options.now ?? (() => new Date());
    this.planInstanceAthlete = options.planInstanceAthlete;
  }

  /** What `principal` may do with `userId`'s activities (nothing for an unknown user). */
  async accessTo(principal: Principal, userId: string): Promise<Access> {
    const stored = await this.activities.athlete(userId);
    if (!stored) return { read: false };
    const privacy = { ...privacyDefaults, ...(JSON.parse(stored.privacy) as Partial<typeof privacyDefaults>) };
    const athlete = { userId, organizationId: stored.organization_id, coachId: stored.coach_id };
    const viewer =
      principal.principal_type === 'user' && principal.user_id !== userId && principal.role !== 'admin'
        ? await this.activities.viewer(principal.user_id)
        : outsideAnyOrganization;
    const relation = relationTo(principal, athlete, viewer);
    const inGroup =
      dependsOnGroup(relation, privacy) &&
      principal.principal_type === 'user' &&
      (await this.activities.shareGroup(principal.user_id, userId));
    return accessFor(relation, privacy, inGroup);
  }

  /** A page of one athlete's activities, newest first (403 on `user_id` when the caller may not read them). */
  async list(query: ListActivitiesQuery, principal: Principal): Promise<Page<Activity>> {
    const userId = this.athleteOf(query.user_id, principal);
    const access = await this.accessTo(principal, userId);
    if (!access.read) throw mayNotRead();
    const fromMs = query.start_date === undefined ? undefined : instant(query.start_date, 'start_date');
    const toMs = query.end_date === undefined ? undefined : instant(query.end_date, 'end_date');
    if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
      throw new InvalidError('end_date', 'end_date must not be before start_date');
    const named = new Set((query.status ?? []).flatMap((value) => value.split(',')));
    const filters = {
      userId,
      fromMs,
      toMs,
      activityType: query.activity_type,
      statuses: named.size === 0 ? undefined : statusValues.filter((status) => named.has(status)),
      planInstanceId: query.plan_instance_id,
    };
    const fingerprint = filtersFingerprint(filters);
    const position = query.cursor === undefined ? undefined : decodeCursor(query.cursor, fingerprint);
    // One more than the page holds says whether another page follows.
    const found = await this.activities.list({
      ...filters,
      limit: query.limit + 1,
      beforeMs: position?.startMs,
      beforeId: position?.activityId,
    });
    const page = keysetPage(found, query.limit, (last) =>
      encodeCursor({ startMs: last.start_ms, activityId: last.activity_id }, fingerprint),
    );
    return { ...page, data: page.data.map((row) => activityView(row, access.withheld)) };
  }

  /** One activity as the caller may see it; not found when they may not read it. */
  async get(activityId: string, principal: Principal): Promise<Activity> {
    const row = await this.activities.get(activityId);
    if (!row) throw activityNotFound();
    const access = await this.accessTo(principal, row.user_id);
    if (!access.read) throw activityNotFound();
    return activityView(row, access.withheld);
  }

  /** The streams asked for, downsampled, less those the flags withhold; not found as `get`. */
  async streams(activityId: string, query: ActivityStreamsQuery, principal: Principal): Promise<ActivityStreams> {
    const row = await this.activities.get(activityId);
    if (!row) throw activityNotFound();
    const access = await this.accessTo(principal, row.user_id);
    if (!access.read) throw activityNotFound();
    const recorded = row.stream_points > 0 ? await this.activities.streams(activityId) : undefined;
    return selectStreams(activityId, recorded, {
      types: typesAskedFor(query.types),
      points: query.points,
      withheld: access.withheld,
    });
  }

  /** A new activity for the caller or an athlete they coach (403 on `user_id` otherwise). */
  async create(body: ActivityCreate, principal: Principal): Promise<Activity> {
    const userId = this.athleteOf(body.user_id, principal);
    const access = await this.accessTo(principal, userId);
    if (!access.read || !access.write) {
      if (principal.role === 'admin') throw new NotFoundError('user', 'user_id');
      throw mayNotLog();
    }
    await this.checkPlanInstance(body.plan_instance_id, userId);
    const timestamp = formatInstant(this.now().getTime());
    const startMs = instant(body.start_time, 'start_time');
    const row = this.withSummary({
      activity_id: randomId('act'),
      user_id: userId,
      title: body.title,
      description: body.description ?? null,
      activity_type: body.activity_type,
      status: body.status ?? 'completed',
      source: body.source ?? 'manual',
      start_time: formatInstant(startMs),
      start_ms: startMs,
      duration_seconds: body.duration_seconds,
      distance_meters: body.distance_meters ?? null,
      moving_time_seconds: body.moving_time_seconds ?? null,
      elevation_gain_meters: body.elevation_gain_meters ?? null,
      average_heart_rate: body.average_heart_rate ?? null,
      max_heart_rate: body.max_heart_rate ?? null,
      average_cadence: body.average_cadence ?? null,
      plan_instance_id: body.plan_instance_id ?? null,
      polyline: null,
      stream_points: 0,
      summary_title: null,
      summary: null,
      created_by: principal.user_id,
      created_at: timestamp,
      updated_at: timestamp,
    });
    checkMetrics(row);
    return activityView(await this.activities.insert(row), access.withheld);
  }

  /** Changes only the fields supplied and writes the summary again; not found, or forbidden to a reader who may not change. */
  async update(activityId: string, patch: ActivityUpdate, principal: Principal): Promise<Activity> {
    const access = await this.accessToActivity(activityId, principal);
    // A reader who may not change gets their 403 below, before anything about the instance.
    if (access.write) await this.checkPlanInstance(patch.plan_instance_id, access.userId);
    const updated = await this.activities.update(activityId, (current) => {
      if (current.user_id !== access.userId) throw activityNotFound();
      if (!access.write) throw readOnly('change');
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<ActivityRow>;
      if (patch.start_time !== undefined) {
        changes.start_ms = instant(patch.start_time, 'start_time');
        changes.start_time = formatInstant(changes.start_ms);
      }
      // Strictly later than before, even for two updates in the same millisecond.
      const updatedAt = formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1));
      const next = this.withSummary({ ...current, ...changes, updated_at: updatedAt });
      checkMetrics(next);
      return next;
    });
    if (!updated) throw activityNotFound();
    return activityView(updated, access.withheld);
  }

  /** Removes the activity and its streams; not found, or forbidden to a reader who may not change. */
  async delete(activityId: string, principal: Principal): Promise<void> {
    const access = await this.accessToActivity(activityId, principal);
    const deleted = await this.activities.delete(activityId, (current) => {
      if (current.user_id !== access.userId) throw activityNotFound();
      if (!access.write) throw readOnly('delete');
    });
    if (!deleted) throw activityNotFound();
  }

  /** The caller's access to an existing activity they may read (404 otherwise), with its athlete. */
  private async accessToActivity(activityId: string, principal: Principal) {
    const row = await this.activities.get(activityId);
    if (!row) throw activityNotFound();
    const access = await this.accessTo(principal, row.user_id);
    if (!access.read) throw activityNotFound();
    return { ...access, userId: row.user_id };
  }

  /** A plan instance set on an activity is one of its athlete's (404 on `plan_instance_id` otherwise; `null` clears). */
  private async checkPlanInstance(planInstanceId: string | null | undefined, userId: string): Promise<void> {
    if (planInstanceId === undefined || planInstanceId === null) return;
    if ((await this.planInstanceAthlete(planInstanceId)) !== userId) throw planInstanceNotFound();
  }

  /** Whose activities: the one named, else the caller (a key must name one). */
  private athleteOf(userId: string | undefined, principal: Principal): string {
    if (userId !== undefined) return userId;
    if (principal.principal_type === 'organization') throw keyNamesAthlete();
    return principal.user_id;
  }

  private withSummary(row: ActivityRow): ActivityRow {
    return withSummary(row, this.summarizer);
  }
}
