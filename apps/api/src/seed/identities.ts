/**
 * The seed's fixed names: the ids of the seeded principals and their development credentials,
 * printed at start, listed in the README and used by the tests.
 */
import { SECRET_BODY_LENGTH, secretFromBody } from '../domain/secrets.js';

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
