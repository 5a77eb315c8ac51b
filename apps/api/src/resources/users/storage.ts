/**
 * Where users are kept, with everything that signs one in: their profiles and password hashes
 * (`profile-storage.ts`), their sessions, access tokens and linked identities
 * (`sign-in-storage.ts`), over the tables of `tables.ts`.
 */
import type { StorageContext } from '../../storage/context.js';
import { openProfileStorage, type ProfileStorage } from './profile-storage.js';
import { openSignInStorage, type SignInStorage } from './sign-in-storage.js';
import type { UserTables } from './tables.js';

export interface UserStorage extends ProfileStorage, SignInStorage {}

/**
 * The users storage on a database.
 *
 * @example
 * ```ts
 * const users = openUserStorage(context.as<UserTables>());
 * await users.findByTokenHash(hashCredential('dev-athlete-token'), new Date().toISOString());
 * ```
 */
export function openUserStorage(context: StorageContext<UserTables>): UserStorage {
  return { ...openProfileStorage(context), ...openSignInStorage(context) };
}
