/**
 * Calendar feeds: a user's own secret URL of a plan instance's `calendar.ics`, for calendar
 * apps that subscribe to a URL and send no headers. The URL carries a `feed_token` in the one
 * secret format (`astral_cf_`, `domain/secrets.ts`), shown once and stored as a hash; making
 * another replaces it, revoking deletes it. The token acts for its maker with one right only:
 * reading that instance's calendar, and only while the maker may read the instance by the
 * rule every reader has (`InstanceService.ensureReadable`), asked at every read, so a coach
 * unassigned or a member who left loses the feed with nothing to clean up.
 */
import { NotFoundError } from '../../../domain/errors.js';
import type { Principal } from '../../../domain/principal.js';
import { isWellFormedSecret, newSecret } from '../../../domain/secrets.js';
import { formatInstant } from '../../../domain/time.js';
import { hashCredential } from '../../auth/credentials.js';
import { userPrincipal } from '../../users/model.js';
import type { CalendarFeedStorage, StoredCalendarFeed } from './storage.js';

export interface CalendarFeedServiceOptions {
  feeds: CalendarFeedStorage;
  /** Throws the instance's 404 unless the principal may read it (the instances' rule). */
  ensureReadable: (instanceId: string, principal: Principal) => Promise<void>;
  now: () => Date;
}

/** A new feed: its URLs hold the secret, shown this once. */
export interface CreatedCalendarFeed {
  plan_instance_id: string;
  url: string;
  webcal_url: string;
  created_at: string;
}

const feedNotFound = () => new NotFoundError('calendar feed', 'plan_instance_id');
const instanceNotFound = () => new NotFoundError('plan instance', 'plan_instance_id');

/**
 * The calendar feed use cases.
 *
 * @example
 * ```ts
 * const feeds = new CalendarFeedService({ feeds: storage, ensureReadable: (id, p) => instances.ensureReadable(id, p), now });
 * const { url } = await feeds.create('pli_mayaspring', principal, 'https://app.nexrex.ai/api/v1');
 * ```
 */
export class CalendarFeedService {
  constructor(private readonly options: CalendarFeedServiceOptions) {}

  /** Makes (or replaces) the caller's feed of an instance they may read; `baseUrl` is the API's, `…/api/v1`. */
  async create(instanceId: string, principal: Principal, baseUrl: string): Promise<CreatedCalendarFeed> {
    await this.options.ensureReadable(instanceId, principal);
    const secret = newSecret('calendarFeed');
    const createdAt = formatInstant(this.options.now().getTime());
    await this.options.feeds.put({
      feed_hash: hashCredential(secret),
      user_id: principal.user_id,
      plan_instance_id: instanceId,
      created_at: createdAt,
    });
    const url = `${baseUrl.replace(/\/+$/, '')}/training/plan-instances/${instanceId}/calendar.ics?feed_token=${secret}`;
    return { plan_instance_id: instanceId, url, webcal_url: url.replace(/^https?:/, 'webcal:'), created_at: createdAt };
  }

  /** The caller's feed of the instance (no secret); a `404` when they have none or may not read it. */
  async get(instanceId: string, principal: Principal): Promise<StoredCalendarFeed> {
    await this.options.ensureReadable(instanceId, principal);
    const feed = await this.options.feeds.get(principal.user_id, instanceId);
    if (!feed) throw feedNotFound();
    return feed;
  }

  /** Deletes the caller's feed of the instance: its URL is refused from the next read on. */
  async revoke(instanceId: string, principal: Principal): Promise<void> {
    await this.options.ensureReadable(instanceId, principal);
    if (!(await this.options.feeds.remove(principal.user_id, instanceId))) throw feedNotFound();
  }

  /**
   * Reads the calendar through a feed: a token of another instance is that instance's `404`
   * (the URL names an instance the token does not grant), then `read` answers as for its
   * maker (their `404` once they may no longer read it); a read that succeeds is recorded.
   */
  async readThrough<T>(instanceId: string, principal: Principal, read: () => Promise<T>): Promise<T> {
    const grant = principal.calendarFeed;
    if (grant === undefined) return read();
    if (grant.planInstanceId !== instanceId) throw instanceNotFound();
    const result = await read();
    await this.options.feeds.markUsed(grant.feedHash, formatInstant(this.options.now().getTime()));
    return result;
  }
}

/**
 * The authenticator's reading of a `feed_token` (`calendarFeedToken`): its maker, granted
 * their instance's calendar only; `null` (a `401`) for a malformed token (refused before any
 * lookup), an unknown, replaced or revoked one, or a maker whose account is not active.
 *
 * @example
 * ```ts
 * createAuthenticator(repository, { calendarFeed: calendarFeedPrincipal(repository.trainingPlans.feeds) });
 * ```
 */
export function calendarFeedPrincipal(feeds: Pick<CalendarFeedStorage, 'findByHash'>): (token: string) => Promise<Principal | null> {
  return async (token) => {
    if (!isWellFormedSecret(token, 'calendarFeed')) return null;
    const feedHash = hashCredential(token);
    const holder = await feeds.findByHash(feedHash);
    if (!holder) return null;
    return {
      ...userPrincipal({ ...holder.user, session_id: null, expires_at: null }),
      calendarFeed: { planInstanceId: holder.plan_instance_id, feedHash },
    };
  };
}
