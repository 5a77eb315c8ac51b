/**
 * The development seed: the race catalog placed around "now", participants for the
 * leaderboard, an athlete and an admin with full profiles, an organization with a head coach,
 * an assistant coach and two athletes, and their fixed
 * development credentials (stored hashed; the athlete's password as an argon2id hash).
 * Never applied in production mode.
 */
import { formatInstant } from '../domain/time.js';
import { SECRET_BODY_LENGTH, secretFromBody } from '../domain/secrets.js';
import { hashCredential } from '../resources/auth/credentials.js';
import { hashPasswordSync } from '../resources/auth/passwords.js';
import { newAccountSettings } from '../resources/users/defaults.js';
import type { StoredMember } from '../resources/organizations/model.js';
import { newMember } from '../resources/organizations/new-member.js';
import type { Participant, StoredRace } from '../resources/races/model.js';
import { catalog, type CatalogEntry } from './catalog.js';
import type { SeedData } from './write.js';

/** The fixed development credentials, printed at start and listed in the README. */
export const devCredentials = {
  athleteToken: 'dev-athlete-token',
  adminToken: 'dev-admin-token',
  organizationKey: 'dev-org-key',
  /** The head coach of the seeded organization. */
  coachToken: 'dev-coach-token',
  /** An assistant coach of the seeded organization (Leo is assigned to them). */
  assistantToken: 'dev-assistant-token',
  /** An athlete member of the seeded organization (Leo). */
  memberToken: 'dev-member-token',
} as const;

/**
 * The seeded organization's open invitation link (100 uses, 90 days from the seeding): not a
 * credential, a token to accept. It travels in a request body, which the contract's pattern
 * checks in every mode, so it has the one secret format (a readable body and a real checksum):
 * `astral_it_DevJoinLink0000000000000000000000000000037f2y5`.
 */
export const devInvitation = {
  invitationId: 'inv_devjoinlink',
  token: secretFromBody('invitationToken', 'DevJoinLink'.padEnd(SECRET_BODY_LENGTH, '0')),
} as const;

/** The development athlete's sign-in (`POST /auth/login`), printed at start and listed in the README. */
export const devSignIn = { email: 'maya@example.com', password: 'Tempo-Run-2025' } as const;

// Hashed once per process: argon2id is slow on purpose, and tests build many seeds.
let athletePasswordHash: string | undefined;

/** IDs of the seeded principals. */
export const seedIds = {
  athlete: 'usr_athlete1',
  admin: 'usr_admin1',
  organization: 'org_alpineclub',
  headCoach: 'usr_coach1',
  assistantCoach: 'usr_coach2',
  /** An athlete of the organization assigned to the assistant coach. */
  memberAthlete: 'usr_athlete2',
  /** An athlete of the organization assigned to nobody. */
  unassignedAthlete: 'usr_athlete3',
  /** An athlete in no organization, for adding as a member (the contract's example). */
  freeAthlete: 'usr_athlete4',
} as const;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The entry's date in whichever year puts it within [now - 182 days, now + 183 days),
 * so about half the catalog is past and half upcoming, whatever the day of the seed.
 *
 * @example
 * ```ts
 * placeAroundNow({ month: 1, day: 10, hourUtc: 8 }, Date.parse('2026-11-01T00:00:00Z')); // 2027-01-10T08:00Z
 * ```
 */
export function placeAroundNow(entry: Pick<CatalogEntry, 'month' | 'day' | 'hourUtc'>, nowMs: number): number {
  const year = new Date(nowMs).getUTCFullYear();
  for (const candidate of [year - 1, year, year + 1]) {
    const ms = Date.UTC(candidate, entry.month - 1, entry.day, entry.hourUtc);
    if (ms >= nowMs - 182 * dayMs && ms < nowMs + 183 * dayMs) return ms;
  }
  throw new Error(`unreachable: no year places ${entry.month}-${entry.day} around now`);
}

const runnerNames = [
  'Amara Nwosu',
  'Lukas Weber',
  'Sofia Rossi',
  'Kenji Watanabe',
  'Emma Lindqvist',
  'Diego Fernández',
  'Aisha Khan',
  'Noah Dubois',
  'Chloe Martin',
  'Mateus Silva',
];

/** The seeded organization's people (its head coach, an assistant coach, two athletes) and Noor, in no organization. */
const organizationPeople = [
  [seedIds.headCoach, 'elena_coach', 'Elena Brandt', 'coach'],
  [seedIds.assistantCoach, 'tomas_coach', 'Tomas Novak', 'coach'],
  [seedIds.memberAthlete, 'leo_runs', 'Leo Moreau', 'athlete'],
  [seedIds.unassignedAthlete, 'ines_runs', 'Ines Duarte', 'athlete'],
  [seedIds.freeAthlete, 'noor_runs', 'Noor Haddad', 'athlete'],
] as const;

/** Their memberships: Leo is assigned to the assistant coach and carries coach-only notes. */
function organizationMembers(at: string): StoredMember[] {
  const member = (user_id: string, role: StoredMember['role'], extra: Partial<StoredMember> = {}): StoredMember => ({
    ...newMember(user_id, seedIds.organization, role, at),
    ...extra,
  });
  return [
    member(seedIds.headCoach, 'head_coach'),
    member(seedIds.assistantCoach, 'assistant_coach'),
    member(seedIds.memberAthlete, 'athlete', {
      nickname: 'Leo',
      level: 'intermediate',
      labels: ['@marathon'],
      coach_labels: ['injury-watch'],
      coach_notes: 'Building towards a spring marathon; watch the left Achilles.',
      coach_id: seedIds.assistantCoach,
    }),
    member(seedIds.unassignedAthlete, 'athlete', { labels: ['@trail'] }),
  ];
}

/**
 * Builds the seed for a database seeded at `now`.
 *
 * @example
 * ```ts
 * const data = buildSeed(new Date());
 * data.races.length; // 48
 * await repository.seed(data);
 * ```
 */
export function buildSeed(now: Date): SeedData {
  const nowMs = now.getTime();
  // Whole minutes: seeded timestamps read like hand-entered data.
  const addedAt = formatInstant(Math.floor((nowMs - 90 * dayMs) / 60_000) * 60_000);
  const settings = newAccountSettings(addedAt);
  const creators = { athlete: seedIds.athlete, admin: seedIds.admin, organization: seedIds.organization };
  const races: StoredRace[] = catalog.map((entry) => ({
    race_id: `race_${entry.slug}`,
    race_name: entry.name,
    race_type: entry.type,
    race_subtype: entry.subtype,
    race_date: formatInstant(placeAroundNow(entry, nowMs)),
    race_location: entry.location,
    race_description: entry.description,
    race_website_url: entry.website,
    race_image_url: null,
    race_timezone: entry.timezone,
    race_participant_count: entry.participantCount,
    race_variants: entry.variants,
    race_categories: entry.categories,
    created_by: creators[entry.createdBy],
    created_at: addedAt,
    updated_at: addedAt,
  }));
  // 0 to 5 registered participants per race, varied but deterministic.
  const participants: Participant[] = races.flatMap((race, raceIndex) =>
    Array.from({ length: (raceIndex * 7) % 6 }, (_, n) => {
      const name = runnerNames[(raceIndex + n) % runnerNames.length]!;
      return {
        participant_id: `par_${race.race_id.slice(5)}${n + 1}`,
        race_id: race.race_id,
        user_id: n === 0 && raceIndex % 4 === 0 ? seedIds.athlete : null,
        display_name: n === 0 && raceIndex % 4 === 0 ? 'Maya Okafor' : name,
        registered_at: formatInstant(Math.floor((nowMs - (30 - n) * dayMs) / 60_000) * 60_000),
      };
    }),
  );
  return {
    organizations: [
      {
        organization_id: seedIds.organization,
        username: 'alpine-running-club',
        display_name: 'Alpine Running Club',
        description: 'Trail and mountain running in the Alps.',
        head_coach_user_id: seedIds.headCoach,
        settings: { training_principle: 'Polarized training, 80% easy.', logo_url: null },
        created_at: addedAt,
        updated_at: addedAt,
      },
    ],
    members: organizationMembers(addedAt),
    groups: [
      {
        group_id: 'grp_marathon2026',
        org_id: seedIds.organization,
        name: 'Spring marathon squad',
        description: 'Athletes targeting a spring marathon.',
        privacy: 'public',
        owner_id: seedIds.assistantCoach,
        members: [seedIds.memberAthlete],
        created_at: addedAt,
        updated_at: addedAt,
      },
    ],
    invitations: [
      {
        invitation: {
          invitation_id: devInvitation.invitationId,
          organization_id: seedIds.organization,
          kind: 'link',
          email: null,
          group_id: 'grp_marathon2026',
          max_uses: 100,
          uses: 0,
          created_by: seedIds.headCoach,
          created_at: addedAt,
          expires_at: formatInstant(nowMs + 90 * dayMs),
          revoked_at: null,
        },
        token_hash: hashCredential(devInvitation.token),
      },
    ],
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
    apiKeys: [
      {
        key_hash: hashCredential(devCredentials.organizationKey),
        organization_id: seedIds.organization,
        details: { key_id: 'key_devorgkey', name: 'Development key', created_by: seedIds.headCoach, created_at: addedAt },
      },
    ],
    races,
    participants,
  };
}
