// The front adds a deprecated operation's Deprecation and Sunset headers to Prism's answers.
// The contract has no deprecated operation yet, so this file gives one operation-table entry
// the dates `deprecated: true` with x-astral-deprecated-at and x-astral-sunset would generate.
import { operationTable } from '@astral/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../src/mock.js';
import type { RunningServer } from '../src/running-server.js';

const entry = operationTable.getRace as { deprecation: unknown };
const key = { 'X-API-Key': 'any-key' };
let mock: RunningServer;

beforeAll(async () => {
  entry.deprecation = { at: '2027-01-01', sunset: '2027-06-30' };
  mock = await startMock({ port: 0, log: () => undefined });
});
afterAll(async () => {
  entry.deprecation = null;
  await mock.close();
});

describe('the mock and deprecated operations', () => {
  it('answers a deprecated operation with Deprecation and Sunset, its errors too, and no other', async () => {
    const ok = await fetch(`${mock.url}/races/race_xyz456`, { headers: key });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('deprecation')).toBe('@1798761600');
    expect(ok.headers.get('sunset')).toBe('Wed, 30 Jun 2027 23:59:59 GMT');
    const unauthenticated = await fetch(`${mock.url}/races/race_xyz456`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('deprecation')).toBe('@1798761600');
    const other = await fetch(`${mock.url}/races`, { headers: key });
    expect(other.status).toBe(200);
    expect(other.headers.get('deprecation')).toBeNull();
  });
});
