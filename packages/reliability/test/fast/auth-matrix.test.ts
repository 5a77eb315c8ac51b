// Every operation x every way of presenting credentials: exactly the documented status,
// WWW-Authenticate on every 401, and every answer valid against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authMatrix, cellRequest, checkResponse, credentialCases, formatReproducer, operationIds } from '../../src/index.js';
import { principals, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';
import { createTarget } from '../support/targets.js';

let api: ReferenceApi;
beforeAll(async () => {
  api = await startReferenceApi();
});
afterAll(() => api.close());

const cells = authMatrix(credentialCases(principals));

describe('auth matrix (every operation x every credential case)', () => {
  it('covers every operation with at least 15 credential cases', () => {
    expect(new Set(cells.map((c) => c.operationId)).size).toBe(operationIds.length);
    expect(cells.length).toBeGreaterThanOrEqual(operationIds.length * 15);
  });

  it.each(cells.map((cell, index) => [`${cell.operationId} with ${cell.credentials.name} → ${cell.expectStatus}`, cell, index] as const))(
    '%s',
    async (_name, cell, index) => {
      const target = await createTarget(api.send, cell.operationId, cell.credentials.ownerHeaders ?? cell.credentials.headers);
      const request = cellRequest(cell, target, `m${index}`);
      const response = await api.send(request);
      const problems = checkResponse(request, response, { secrets, expectStatus: [cell.expectStatus] });
      expect(problems, `${problems.join('\n')}\n${formatReproducer(request)}\n→ ${response.status} ${response.body}`).toEqual([]);
      if (response.status === 401) expect(response.headers['www-authenticate']).toMatch(/Bearer/);
    },
  );
});
