/**
 * The seeded organization: the Alpine Running Club with its head coach, an assistant coach and
 * two athletes, a group, an open invitation link and a development API key.
 */
import { formatInstant } from '../domain/time.js';
import { hashCredential } from '../resources/auth/credentials.js';
import type { StoredMember } from '../resources/organizations/model.js';
import { newMember } from '../resources/organizations/new-member.js';
import { devCredentials, devInvitation, seedIds } from './identities.js';
import { dayMs, type SeedTime } from './time.js';
import type { SeedData } from './write.js';

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

/** The organization, its memberships, group, invitation link and API key. */
export function seedOrganization({
  nowMs,
  addedAt,
}: SeedTime): Pick<SeedData, 'organizations' | 'members' | 'groups' | 'invitations' | 'apiKeys'> {
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
    apiKeys: [
      {
        key_hash: hashCredential(devCredentials.organizationKey),
        organization_id: seedIds.organization,
        details: { key_id: 'key_devorgkey', name: 'Development key', created_by: seedIds.headCoach, created_at: addedAt },
      },
    ],
  };
}
