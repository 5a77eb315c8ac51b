// One file, so the coverage gate runs after both suites in the same module and sees
// everything they recorded.
import { describe, expect, it } from 'vitest';
import { accountsAgainstContract } from './accounts-vs-contract.js';
import { clientAgainstMock } from './client-vs-mock.js';
import { organizationsAgainstContract } from './organizations-vs-contract.js';
import { serverUnderStorageFault } from './server-faults.js';
import { serverWithRequestInFlight } from './server-in-flight.js';
import { serverAgainstContract } from './server-vs-contract.js';
import { contractPairs, coverageTable, CoverageRecorder, gateProblems, loadExemptions } from './support/coverage.js';

const recorder = new CoverageRecorder();

clientAgainstMock(recorder);
serverAgainstContract(recorder);
accountsAgainstContract(recorder);
organizationsAgainstContract(recorder);
serverUnderStorageFault(recorder);
serverWithRequestInFlight(recorder);

describe('coverage gate', () => {
  it('every (operation, documented status) was exercised against the mock and the server, or is exempt with a reason', () => {
    const pairs = contractPairs();
    const exemptions = loadExemptions();
    const table = coverageTable(pairs, recorder, exemptions);
    console.log(`\nContract coverage\n${table}\n`);
    expect(gateProblems(pairs, recorder, exemptions)).toEqual([]);
  });
});
