/**
 * The development seed: the race catalog placed around "now", participants for the
 * leaderboard, an athlete and an admin with full profiles, an organization with a head coach,
 * an assistant coach and two athletes, three weeks of activities with GPS tracks for the
 * two athletes with accounts (those within the development athlete's plan instance linked
 * to it), and their fixed
 * development credentials (stored hashed; the athlete's password as an argon2id hash).
 * Never applied in production mode.
 */
import { seedActivities } from './activities.js';
import { seedOrganization } from './organization.js';
import { seedPeople } from './people.js';
import { seedRaces } from './races.js';
import { linkToInstances, seedTrainingPlans } from './training-plans.js';
import { seedTime } from './time.js';
import type { SeedData } from './write.js';

// Where the tests and the app read the fixed names from.
export { devCredentials, devInvitation, devSignIn, seedIds } from './identities.js';
export { placeAroundNow } from './races.js';

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
  const time = seedTime(now);
  const trainingPlans = seedTrainingPlans(time);
  return {
    ...seedOrganization(time),
    ...seedPeople(time),
    ...seedRaces(time),
    activities: linkToInstances(seedActivities(time), trainingPlans.planInstances),
    ...trainingPlans,
  };
}
