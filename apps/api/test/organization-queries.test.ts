// Every query of the organization storages reaches the database compiled once: each storage
// method, run with and without its optional filters, hands the context a query compiled
// before (a bound `CompiledQuery`), never a query builder to compile on the request.
import type { CompiledQuery, Compilable } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openOrganizationStorage, type OrganizationStorage } from '../src/resources/organizations/storage.js';
import { createStorageContext, type AnyTables, type StorageContext } from '../src/storage/context.js';
import { openRepository } from '../src/repository.js';
import { buildSeed, seedIds } from '../src/seed/build.js';
import { openSqliteDatabase } from '../src/storage/sqlite.js';
import { fixedNow } from './helpers.js';

const database = openSqliteDatabase({ inMemory: true });
afterAll(() => database.close());

/** The context, recording every query that arrives as a builder (compiled on this run). */
function guarded(context: StorageContext<AnyTables>, builders: string[]): StorageContext<AnyTables> {
  const check = (query: CompiledQuery | Compilable<unknown>) => {
    if ('compile' in query) builders.push(query.compile().sql);
  };
  return {
    ...context,
    rows: (query) => (check(query), context.rows(query)),
    first: (query) => (check(query), context.first(query)),
    run: (query) => (check(query), context.run(query)),
    transaction: (work) => work(guarded(context, builders)),
  };
}

describe('the organization storages', () => {
  it('run every query compiled once, whichever optional values a call gives', async () => {
    await openRepository(database).seed(buildSeed(fixedNow));
    const builders: string[] = [];
    const storage: OrganizationStorage = openOrganizationStorage(guarded(createStorageContext(database.db, database.dialect), builders));
    const called = new Set<string>();
    const org = seedIds.organization;
    const at = '2026-03-15T12:00:00Z';
    const calls: { [Method in keyof OrganizationStorage]-?: () => Promise<unknown> } = {
      get: () => storage.get(org),
      details: () => storage.details(org),
      list: async () => [await storage.list({ limit: 2 }), await storage.list({ afterId: 'org_a', limit: 2 })],
      create: () => storage.create({ organization_id: 'org_queries', username: 'org_queries', display_name: 'Queries' }),
      update: async () => storage.update((await storage.details('org_queries'))!),
      membership: () => storage.membership(seedIds.memberAthlete),
      member: () => storage.member(org, seedIds.memberAthlete),
      members: async () => [
        await storage.members({ organizationId: org, limit: 5 }),
        await storage.members({
          organizationId: org,
          role: 'athlete',
          status: 'active',
          label: 'x',
          coachId: 'usr_a',
          afterUserId: 'usr_a',
          limit: 5,
        }),
      ],
      addMember: async () => {
        const member = await storage.membership(seedIds.unassignedAthlete);
        await storage.removeMember(org, seedIds.unassignedAthlete);
        await storage.addMember(member!);
      },
      saveMember: async () => storage.saveMember((await storage.membership(seedIds.memberAthlete))!),
      removeMember: () => storage.removeMember('org_queries', 'usr_nobody'),
      unassignAthletesOf: () => storage.unassignAthletesOf(org, 'usr_nobody', at),
      addAuditEvent: () =>
        storage.addAuditEvent({
          event_id: 'aud_q1',
          org_id: org,
          actor_id: seedIds.headCoach,
          action: 'member_added',
          user_id: seedIds.memberAthlete,
          from_value: null,
          to_value: 'athlete',
          occurred_at: at,
        }),
      auditEvents: async () => [
        await storage.auditEvents({ organizationId: org, limit: 2 }),
        await storage.auditEvents({ organizationId: org, before: { ms: Date.parse(at), eventId: 'aud_z' }, limit: 2 }),
      ],
      group: () => storage.group('grp_marathon2026'),
      groups: async () => [
        await storage.groups({ organizationId: org, limit: 5 }),
        await storage.groups({ organizationId: org, visibleTo: seedIds.memberAthlete, afterId: 'grp_a', limit: 5 }),
      ],
      createGroup: () =>
        storage.createGroup({
          group_id: 'grp_q',
          org_id: org,
          name: 'Q',
          description: null,
          privacy: 'private',
          owner_id: null,
          members: [seedIds.memberAthlete],
          created_at: at,
          updated_at: at,
        }),
      saveGroup: async () => storage.saveGroup({ ...(await storage.group('grp_q'))!, members: [seedIds.unassignedAthlete] }),
      leaveGroups: () => storage.leaveGroups(org, seedIds.unassignedAthlete),
      deleteGroup: () => storage.deleteGroup('grp_q'),
      findByApiKeyHash: () => storage.findByApiKeyHash('no-such-hash', Date.parse(at)),
      apiKeyLookupVersion: async () => storage.apiKeyLookupVersion?.(),
      addApiKey: () => storage.addApiKey(org, 'queries-key-hash', { key_id: 'key_q', expires_at: '2027-01-01T00:00:00Z' }),
      apiKeys: () => storage.apiKeys(org, Date.parse(at), 50),
      revokeApiKeyById: () => storage.revokeApiKeyById(org, 'key_q', at),
      revokeApiKey: () => storage.revokeApiKey('queries-key-hash', at),
      addInvitation: () =>
        storage.addInvitation(
          {
            invitation_id: 'inv_q',
            organization_id: org,
            kind: 'link',
            email: null,
            group_id: null,
            max_uses: 2,
            uses: 0,
            created_by: null,
            created_at: at,
            expires_at: '2026-04-01T00:00:00Z',
            revoked_at: null,
          },
          'queries-invitation-hash',
        ),
      invitation: () => storage.invitation(org, 'inv_q'),
      invitations: async () => [
        await storage.invitations({ organizationId: org, limit: 2 }),
        await storage.invitations({ organizationId: org, afterId: 'inv_a', limit: 2 }),
      ],
      useInvitation: () => storage.useInvitation('queries-invitation-hash', Date.parse(at)),
      revokeInvitation: () => storage.revokeInvitation(org, 'inv_q', at),
    };
    for (const [method, call] of Object.entries(calls)) {
      await call();
      called.add(method);
    }
    const methods = Object.keys(storage);
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.filter((method) => !called.has(method))).toEqual([]);
    expect(builders).toEqual([]);
  });
});
