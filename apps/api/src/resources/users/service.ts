/**
 * The Users use cases: read a full profile (yourself, or anyone as an admin), change your own
 * (a partial update), and read anyone's public profile. Input arrives validated against the
 * contract; the rules a schema cannot say are in `rules.ts`. Failures are the domain's errors.
 */
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../domain/errors.js';
import { formatInstant } from '../../domain/time.js';
import { UniqueViolationError } from '../../storage/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { PublicProfile, User, UserUpdate } from './model.js';
import { checkProfileUpdate, mayReadProfile, mergeProfile, publicProfile } from './rules.js';
import type { UserStorage } from './storage.js';

export interface UserServiceOptions {
  users: UserStorage;
  /** The clock (`updated_at`), injectable for tests. */
  now?: () => Date;
}

const userNotFound = () => new NotFoundError('user', 'user_id');

/**
 * The Users use cases over their storage.
 *
 * @example
 * ```ts
 * const users = new UserService({ users: repository.users });
 * await users.get(principal, 'usr_athlete1');
 * ```
 */
export class UserService {
  private readonly users: UserStorage;
  private readonly now: () => Date;

  constructor(options: UserServiceOptions) {
    this.users = options.users;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The full profile. Yourself or, for an admin, anyone; anyone else is refused whether or not
   * the user exists (so IDs cannot be probed); an admin asking for an unknown user gets not found.
   */
  async get(principal: Principal, userId: string): Promise<User> {
    if (!mayReadProfile(principal, userId)) throw new ForbiddenError('You may only read your own profile', 'user_id');
    const user = await this.users.get(userId);
    if (!user) throw userNotFound();
    return user;
  }

  /**
   * Changes the fields of your own profile that are sent (see `mergeProfile`); nobody else's,
   * not even as an admin. A username another user has, in any case, is a conflict.
   */
  async update(principal: Principal, userId: string, update: UserUpdate): Promise<User> {
    if (principal.user_id !== userId) throw new ForbiddenError('You may only update your own profile', 'user_id');
    checkProfileUpdate(update);
    try {
      const updated = await this.users.update(userId, (current) => ({
        ...mergeProfile(current, update),
        // Strictly later than before, even for two updates in the same millisecond.
        updated_at: formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1)),
      }));
      // The caller's own account, gone since the request was authenticated.
      if (!updated) throw new UnauthorizedError('The credentials are invalid, expired or revoked');
      return updated;
    } catch (error) {
      // The username is the only unique field a profile update can change.
      throw error instanceof UniqueViolationError ? new ConflictError('username already taken', 'username', { cause: error }) : error;
    }
  }

  /** What every signed-in user may see of an active user; anyone else is not found. */
  async publicProfile(userId: string): Promise<PublicProfile> {
    const user = await this.users.get(userId);
    if (!user || user.status !== 'active') throw userNotFound();
    return publicProfile(user);
  }
}
