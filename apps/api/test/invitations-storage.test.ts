// Invitation storage on SQLite and PostgreSQL: only the token's hash is kept, and a use is
// taken by one conditional UPDATE, so concurrent accepts never take more than `max_uses`;
// a revoked, expired or exhausted invitation says why it cannot be used.
import { afterAll, expect, it } from 'vitest';
import { hashCredential } from '../src/resources/auth/credentials.js';
import type { StoredInvitation } from '../src/resources/organizations/invitations/storage.js';
import { openPostgresRepository, type DatabaseRepository } from '../src/repository.js';
import { describeOnDatabases, laneRepository } from './databases.js';

const orgId = 'org_invitetest';
const now = Date.parse('2026-03-01T10:00:00Z');
let count = 0;
const invitation = (change: Partial<StoredInvitation> = {}): StoredInvitation => ({
  invitation_id: `inv_test${String(++count).padStart(4, '0')}`,
  organization_id: orgId,
  kind: 'link',
  email: null,
  group_id: null,
  max_uses: 3,
  uses: 0,
  created_by: null,
  created_at: '2026-03-01T09:00:00Z',
  expires_at: '2026-04-01T00:00:00Z',
  revoked_at: null,
  ...change,
});

describeOnDatabases('invitation storage on $name', (lane) => {
  let repository: DatabaseRepository;
  let url: string | undefined;
  const opened: DatabaseRepository[] = [];
  afterAll(async () => {
    for (const r of opened) await r.close();
  });
  const ready = async () => {
    if (!repository) {
      ({ repository, url } = await laneRepository(lane));
      opened.push(repository);
      await repository.organizations.create({
        organization_id: orgId,
        username: 'invitetest',
        display_name: 'Invite Test',
        created_at: '2026-03-01T09:00:00Z',
        updated_at: '2026-03-01T09:00:00Z',
      });
    }
    return repository.organizations;
  };

  it('keeps only the hash: the token itself finds nothing, its hash finds the invitation', async () => {
    const storage = await ready();
    const stored = invitation();
    await storage.addInvitation(stored, hashCredential('secret-token-1'));
    expect(await storage.invitation(orgId, stored.invitation_id)).toEqual(stored);
    expect((await storage.useInvitation('secret-token-1', now)).outcome).toBe('unknown');
    const used = await storage.useInvitation(hashCredential('secret-token-1'), now);
    expect(used).toEqual({ outcome: 'used', invitation: { ...stored, uses: 1 } });
  });

  it('never takes more than max_uses, even from concurrent accepts on two connections', async () => {
    const storage = await ready();
    const stored = invitation({ max_uses: 5 });
    await storage.addInvitation(stored, hashCredential('busy-link'));
    // On PostgreSQL a second repository is a second instance's pool: the row is the only lock.
    const second = url ? openPostgresRepository({ url, poolSize: 4 }) : repository;
    if (second !== repository) opened.push(second);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? second : repository).organizations.useInvitation(hashCredential('busy-link'), now),
    );
    const outcomes = (await Promise.all(attempts)).map((use) => use.outcome);
    expect(outcomes.filter((o) => o === 'used')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'exhausted')).toHaveLength(15);
    expect((await storage.invitation(orgId, stored.invitation_id))?.uses).toBe(5);
  });

  it('says why a token cannot be used: revoked, expired, exhausted (single use)', async () => {
    const storage = await ready();
    const revoked = invitation();
    await storage.addInvitation(revoked, hashCredential('revoked'));
    expect(await storage.revokeInvitation(orgId, revoked.invitation_id, '2026-03-01T09:30:00Z')).toBe(true);
    expect(await storage.revokeInvitation(orgId, revoked.invitation_id, '2026-03-01T09:31:00Z')).toBe(false);
    expect((await storage.useInvitation(hashCredential('revoked'), now)).outcome).toBe('revoked');

    await storage.addInvitation(invitation({ expires_at: '2026-03-01T10:00:00Z' }), hashCredential('expired'));
    expect((await storage.useInvitation(hashCredential('expired'), now)).outcome).toBe('expired');

    await storage.addInvitation(invitation({ kind: 'email', email: 'a@example.com', max_uses: 1 }), hashCredential('once'));
    expect((await storage.useInvitation(hashCredential('once'), now)).outcome).toBe('used');
    expect((await storage.useInvitation(hashCredential('once'), now)).outcome).toBe('exhausted');
  });

  it('pages the organization’s invitations by id and revokes only its own', async () => {
    const storage = await ready();
    const all = await storage.invitations({ organizationId: orgId, limit: 100 });
    expect(all.map((i) => i.invitation_id)).toEqual([...all.map((i) => i.invitation_id)].sort());
    const [first, second] = all;
    expect(await storage.invitations({ organizationId: orgId, afterId: first!.invitation_id, limit: 1 })).toEqual([second]);
    expect(await storage.invitations({ organizationId: 'org_other', limit: 10 })).toEqual([]);
    expect(await storage.revokeInvitation('org_other', second!.invitation_id, '2026-03-01T09:30:00Z')).toBe(false);
  });
});
