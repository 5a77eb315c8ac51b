/**
 * The seeded people: an athlete and an admin with full profiles, the organization's coaches and
 * athletes, an athlete in no organization, and their development tokens (stored hashed; the
 * athlete's password as an argon2id hash).
 */
import { hashCredential } from '../resources/auth/credentials.js';
import { hashPasswordSync } from '../resources/auth/passwords.js';
import { newAccountSettings } from '../resources/users/defaults.js';
import { devCredentials, devSignIn, seedIds } from './identities.js';
import type { SeedTime } from './time.js';
import type { SeedData } from './write.js';

// Hashed once per process: argon2id is slow on purpose, and tests build many seeds.
let athletePasswordHash: string | undefined;

/** The seeded organization's people (its head coach, an assistant coach, two athletes) and Noor, in no organization. */
const organizationPeople = [
  [seedIds.headCoach, 'elena_coach', 'Elena Brandt', 'coach'],
  [seedIds.assistantCoach, 'tomas_coach', 'Tomas Novak', 'coach'],
  [seedIds.memberAthlete, 'leo_runs', 'Leo Moreau', 'athlete'],
  [seedIds.unassignedAthlete, 'ines_runs', 'Ines Duarte', 'athlete'],
  [seedIds.freeAthlete, 'noor_runs', 'Noor Haddad', 'athlete'],
] as const;

/** The users and their development access tokens. */
export function seedPeople({ addedAt }: SeedTime): Pick<SeedData, 'users' | 'accessTokens'> {
  const settings = newAccountSettings(addedAt);
  return {
    users: [
      {
        user_id: seedIds.athlete,
        username: 'maya_runs',
        display_name: 'Maya Okafor',
        email: devSignIn.email,
        role: 'athlete',
        organization_id: null,
        first_name: 'Maya',
        last_name: 'Okafor',
        bio: 'Chasing a sub-3 marathon. Trail runner at heart.',
        profile_image_url: 'https://images.nexrex.ai/avatars/usr_athlete1.jpg',
        is_verified: true,
        preferences: { ...settings.preferences, timezone: 'Asia/Taipei' },
        zones: {
          heart_rate: {
            z1: { min: 100, max: 120 },
            z2: { min: 121, max: 140 },
            z3: { min: 141, max: 155 },
            z4: { min: 156, max: 168 },
            z5: { min: 169, max: 180 },
            z6: { min: 181, max: 195 },
          },
          pace: null,
        },
        password_hash: (athletePasswordHash ??= hashPasswordSync(devSignIn.password)),
        created_at: addedAt,
      },
      {
        user_id: seedIds.admin,
        username: 'jonas_admin',
        display_name: 'Jonas Berg',
        email: 'jonas@example.com',
        role: 'admin',
        organization_id: null,
        first_name: 'Jonas',
        last_name: 'Berg',
        bio: 'Keeps the race catalog tidy.',
        is_verified: true,
        preferences: { ...settings.preferences, timezone: 'Europe/Oslo', workout_days: ['monday', 'wednesday', 'sunday'] },
        privacy: { ...settings.privacy, share_profile_info: false, share_pace_data: false },
        created_at: addedAt,
      },
      ...organizationPeople.map(([user_id, username, display_name, role]) => ({
        user_id,
        username,
        display_name,
        email: `${username.split('_')[0]}@example.com`,
        role,
        organization_id: user_id === seedIds.freeAthlete ? null : seedIds.organization,
        is_verified: true,
        created_at: addedAt,
      })),
    ],
    accessTokens: [
      { token_hash: hashCredential(devCredentials.athleteToken), user_id: seedIds.athlete },
      { token_hash: hashCredential(devCredentials.adminToken), user_id: seedIds.admin },
      { token_hash: hashCredential(devCredentials.coachToken), user_id: seedIds.headCoach },
      { token_hash: hashCredential(devCredentials.assistantToken), user_id: seedIds.assistantCoach },
      { token_hash: hashCredential(devCredentials.memberToken), user_id: seedIds.memberAthlete },
    ],
  };
}
