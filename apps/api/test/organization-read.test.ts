// GET /organizations/{org_id} in one pass: the service asks the one authorizer, which reads
// the organization once (an admin's read needs nothing more), answers a missing one a single
// 404 on org_id, and hands that same row back. Counted on the storage the service is given.
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../src/domain/errors.js';
import { OrganizationService } from '../src/resources/organizations/organization/service.js';
import { createAuthorizer } from '../src/resources/organizations/permissions.js';
import type { OrganizationStorage } from '../src/resources/organizations/storage.js';
import type { Principal } from '../src/domain/principal.js';
import { openSqliteRepository } from '../src/repository.js';
import { buildSeed, seedIds } from '../src/seed/build.js';
import { fixedNow } from './helpers.js';

const repository = openSqliteRepository({ inMemory: true });
afterAll(() => repository.close());

/** The organization storage, recording each call by name. */
function counted(storage: OrganizationStorage): { storage: OrganizationStorage; calls: string[] } {
  const calls: string[] = [];
  const wrapped = new Proxy(storage, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { storage: wrapped, calls };
}

const caller = (user_id: string, role: Principal['role'], organization_id: string | null): Principal => ({
  user_id,
  principal_type: 'user',
  username: user_id,
  display_name: user_id,
  email: null,
  role,
  organization_id,
});

async function read(principal: Principal, organizationId: string) {
  const { storage, calls } = counted(repository.organizations);
  const service = new OrganizationService({
    repository: { ...repository, organizations: storage },
    authorize: createAuthorizer(storage),
    now: () => fixedNow,
  });
  const result = await service.get(principal, organizationId).catch((error: unknown) => error);
  return { result, calls };
}

describe('reading one organization', () => {
  it("reads an admin's organization once, and answers the row it read", async () => {
    await repository.seed(buildSeed(fixedNow));
    const { result, calls } = await read(caller(seedIds.admin, 'admin', null), seedIds.organization);
    expect(result).toMatchObject({ org_id: seedIds.organization, name: 'Alpine Running Club' });
    expect(calls).toEqual(['details']);
  });

  it('answers a missing organization once: a 404 on org_id, for an admin and a member alike', async () => {
    for (const principal of [caller(seedIds.admin, 'admin', null), caller('usr_coach1', 'coach', seedIds.organization)]) {
      const { result, calls } = await read(principal, 'org_nowhere');
      expect(result).toBeInstanceOf(NotFoundError);
      expect((result as NotFoundError).field).toBe('org_id');
      expect(calls).toEqual(['details']);
    }
  });

  it("reads a member's organization once, then their membership", async () => {
    const { result, calls } = await read(caller('usr_coach1', 'coach', seedIds.organization), seedIds.organization);
    expect(result).toMatchObject({ org_id: seedIds.organization });
    expect(calls).toEqual(['details', 'membership']);
  });
});
