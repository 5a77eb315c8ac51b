/**
 * Writing the development seed: everything in one transaction, once per database. The seed
 * sits above the resources (it writes through their storages) and below the composition
 * (`repository.ts` runs it); nothing else imports it.
 */
import type { Kysely } from 'kysely';
import { openActivityStorage } from '../resources/activities/storage.js';
import type { StoredInvitation } from '../resources/organizations/invitations/storage.js';
import type { Group, NewApiKey, NewOrganization, StoredMember } from '../resources/organizations/model.js';
import { openOrganizationStorage } from '../resources/organizations/storage.js';
import type { Participant, StoredRace } from '../resources/races/model.js';
import { openRaceStorage } from '../resources/races/storage.js';
import type { StoredInstance } from '../resources/trainingPlans/instances/model.js';
import { openInstanceStorage } from '../resources/trainingPlans/instances/storage.js';
import type { StoredPlan } from '../resources/trainingPlans/model.js';
import { openTrainingPlanStorage } from '../resources/trainingPlans/storage.js';
import type { NewUser } from '../resources/users/model.js';
import { openUserStorage } from '../resources/users/storage.js';
import type { AnyTables, StorageContext } from '../storage/context.js';
import { prepareQuery } from '../storage/prepared.js';
import type { SeedActivity } from './activities.js';

/** Everything a first start writes. Credentials are hashes only. */
export interface SeedData {
  organizations: NewOrganization[];
  members: StoredMember[];
  groups: Group[];
  invitations: Array<{ invitation: StoredInvitation; token_hash: string }>;
  users: NewUser[];
  accessTokens: Array<{ token_hash: string; user_id: string }>;
  apiKeys: Array<{ key_hash: string; organization_id: string; details?: NewApiKey }>;
  races: StoredRace[];
  participants: Participant[];
  activities: SeedActivity[];
  plans: StoredPlan[];
  planInstances: StoredInstance[];
}

interface SeedTables {
  seed_runs: { seeded_at: string };
}

const queries = (db: Kysely<SeedTables>) => ({
  runs: prepareQuery<object, { n: number | string }>(() => db.selectFrom('seed_runs').select((eb) => eb.fn.countAll().as('n'))),
  mark: prepareQuery<{ at: string }, never>((param) => db.insertInto('seed_runs').values({ seeded_at: param('at') })),
});

/** Opens a resource's storage (typed with its own tables) on the shared context, as the module list does. */
const open = <Storage>(storage: (context: StorageContext<AnyTables>) => Storage, context: StorageContext<AnyTables>): Storage =>
  storage(context);

/**
 * Writes the seed through each resource's storage, in one transaction, unless a seed run is
 * recorded already. Returns whether it wrote.
 *
 * @example
 * ```ts
 * await writeSeed(context, buildSeed(new Date())); // true on a new database, then false
 * ```
 */
export async function writeSeed(context: StorageContext<AnyTables>, data: SeedData): Promise<boolean> {
  const q = context.once(queries);
  return context.transaction(async (tx) => {
    // Instances starting together on one server database: the first writes, the others wait
    // on the lock, then find the seed run recorded (SQLite's BEGIN IMMEDIATE already excludes).
    for (const statement of tx.dialect.migrationLock) await tx.run(statement);
    const runs = await tx.first(q.runs.bind({}));
    if (Number(runs?.n ?? 0) > 0) return false;
    const storage = {
      organizations: open(openOrganizationStorage, tx),
      users: open(openUserStorage, tx),
      races: open(openRaceStorage, tx),
      activities: open(openActivityStorage, tx),
      plans: open(openTrainingPlanStorage, tx),
      planInstances: open(openInstanceStorage, tx),
    };
    for (const organization of data.organizations) await storage.organizations.create(organization);
    for (const user of data.users) await storage.users.create(user);
    for (const member of data.members) await storage.organizations.addMember(member);
    for (const group of data.groups) await storage.organizations.createGroup(group);
    for (const { invitation, token_hash } of data.invitations) await storage.organizations.addInvitation(invitation, token_hash);
    for (const token of data.accessTokens) await storage.users.addAccessToken(token.user_id, token.token_hash);
    for (const key of data.apiKeys) await storage.organizations.addApiKey(key.organization_id, key.key_hash, key.details);
    for (const race of data.races) await storage.races.insert(race);
    for (const participant of data.participants) await storage.races.addParticipant(participant);
    for (const { activity, streams } of data.activities) await storage.activities.insert(activity, streams);
    for (const plan of data.plans) await storage.plans.insert(plan);
    await storage.planInstances.insertAll(data.planInstances);
    await tx.run(q.mark.bind({ at: new Date().toISOString() }));
    return true;
  });
}
