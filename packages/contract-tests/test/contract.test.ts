// One file, so the coverage gate runs after the suites in the same module and sees everything
// they recorded. It runs once per database lane (vitest.config.ts): on sqlite the mock and
// the server, on postgres the server again on PostgreSQL, each lane with its own gate.
import { describe, expect, inject, it } from 'vitest';
import { accountsAgainstContract } from './accounts-vs-contract.js';
import { aiCoachAgainstContract } from './ai-coach-vs-contract.js';
import { clientAgainstMock } from './client-vs-mock.js';
import { organizationsAgainstContract } from './organizations-vs-contract.js';
import { serverUnderStorageFault } from './server-faults.js';
import { serverWithRequestInFlight } from './server-in-flight.js';
import { serverAgainstContract } from './server-vs-contract.js';
import { activitiesAgainstContract } from './activities-vs-contract.js';
import { trainingPlanInstancesAgainstContract } from './training-plan-instances-vs-contract.js';
import { trainingPlansAgainstContract } from './training-plans-vs-contract.js';
import { contractPairs, coverageTable, CoverageRecorder, gateProblems, loadExemptions, type TargetName } from './support/coverage.js';

const lane = inject('lane');
const recorder = new CoverageRecorder();
// The mock has no database: it is checked on the sqlite lane only.
const checked: readonly TargetName[] = lane.name === 'sqlite' ? ['mock', 'server'] : ['server'];

describe(`contract tests on ${lane.name}`, () => {
  if (lane.notRun) {
    it(`runs on ${lane.name}`, (context) => context.skip(`NOT RUN: ${lane.notRun}`));
    return;
  }
  if (checked.includes('mock')) clientAgainstMock(recorder);
  serverAgainstContract(recorder);
  accountsAgainstContract(recorder);
  organizationsAgainstContract(recorder);
  activitiesAgainstContract(recorder);
  aiCoachAgainstContract(recorder);
  trainingPlansAgainstContract(recorder);
  trainingPlanInstancesAgainstContract(recorder);
  serverUnderStorageFault(recorder);
  serverWithRequestInFlight(recorder);

  describe('coverage gate', () => {
    it(`every (operation, documented status) was exercised against the ${checked.join(' and the ')} on ${lane.name}, or is exempt with a reason`, () => {
      const pairs = contractPairs();
      expect(pairs.length).toBeGreaterThan(0);
      const exemptions = loadExemptions().filter((e) => checked.includes(e.target));
      const table = coverageTable(pairs, recorder, exemptions, checked);
      console.log(`\nContract coverage (${lane.name})\n${table}\n`);
      expect(gateProblems(pairs, recorder, exemptions, checked)).toEqual([]);
    });
  });
});
