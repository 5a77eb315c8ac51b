/** Signing in (or up) with a Firebase ID token, verified by `id-tokens.ts`. */
import type { components } from '@astral/openapi';
import { InvalidTokenError } from '../../../domain/errors.js';
import { formatInstant } from '../../../domain/time.js';
import type { User } from '../../users/model.js';
import { emailKey } from '../../users/rows.js';
import { retryingConflicts, type AccountContext } from './context.js';
import { displayNameFrom, freeUsernameFor, newAccount, signupResult, type SignupResult } from './new-account.js';
import { openSession } from './sessions.js';

export type FirebaseSignupRequest = components['schemas']['FirebaseSignupRequest'];

/**
 * Signs in with a Firebase ID token: the user linked to its subject, else the user with its
 * verified address (then linked), else a new account (`created`). `membershipRole`, when
 * given, becomes the user's role.
 */
export async function exchangeIdToken(
  { repository, verifyIdToken, now }: AccountContext,
  request: FirebaseSignupRequest,
): Promise<{ created: boolean; result: SignupResult }> {
  const identity = await verifyIdToken(request.firebase_id_token, now());
  const role = request.profile_data?.membership_role;
  return retryingConflicts(() =>
    repository.transaction(async (tx) => {
      const nowMs = now().getTime();
      const at = formatInstant(nowMs);
      let userId = await tx.users.findIdentity('firebase', identity.subject);
      let profile: User | undefined;
      if (userId === undefined) {
        const existing = await tx.users.findByEmail(identity.email);
        if (existing) {
          userId = existing.user.user_id;
        } else {
          const username = await freeUsernameFor(tx.users, identity.email);
          profile = await tx.users.create({
            ...newAccount(nowMs, { email: identity.email, username, displayName: displayNameFrom(identity.name) }),
            ...(role === undefined ? {} : { role }),
          });
          userId = profile.user_id;
        }
        await tx.users.linkIdentity({ provider: 'firebase', subject: identity.subject, user_id: userId, created_at: at });
      }
      const created = profile !== undefined;
      profile ??= await tx.users.update(userId, (current) => {
        if (current.status !== 'active') throw new InvalidTokenError('firebase_id_token', 'This account is not active');
        const roleChanges = role !== undefined && role !== current.membership_role;
        return {
          ...current,
          membership_role: role ?? current.membership_role,
          // The issuer verified this address: if it is the account's, the account's is verified.
          is_verified: current.is_verified || emailKey(current.email) === emailKey(identity.email),
          last_login_at: at,
          updated_at: roleChanges ? formatInstant(Math.max(nowMs, Date.parse(current.updated_at) + 1)) : current.updated_at,
        };
      });
      if (!profile) throw new InvalidTokenError('firebase_id_token', 'This account no longer exists');
      const access = await openSession(tx.users, userId, nowMs);
      return { created, result: signupResult(profile, profile.email ?? identity.email, access, created) };
    }),
  );
}
