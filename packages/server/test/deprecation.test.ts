// A deprecated operation answers with Deprecation (RFC 9745) and Sunset (RFC 8594) from its
// operation-table entry. The contract has no deprecated operation yet, so this file gives one
// entry the dates `deprecated: true` with x-astral-deprecated-at and x-astral-sunset would
// generate (the table is plain data at run time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePath, deprecationHeaders, operationTable } from '@astral/openapi';
import { auth, buildApp } from './helpers.js';

const entry = operationTable.getRace as { deprecation: unknown };
beforeAll(() => (entry.deprecation = { at: '2027-01-01', sunset: '2027-06-30' }));
afterAll(() => (entry.deprecation = null));

describe('deprecation headers', () => {
  it('derives the header values from the dates', () => {
    expect(deprecationHeaders('getRace')).toEqual({ Deprecation: '@1798761600', Sunset: 'Wed, 30 Jun 2027 23:59:59 GMT' });
    expect(deprecationHeaders('listRaces')).toEqual({});
  });

  it('sends them on every answer of the deprecated operation, errors included, and on no other', async () => {
    const { app } = buildApp();
    const url = `${basePath}${operationTable.getRace.path.replace('{race_id}', 'race_xyz456')}`;
    const ok = await app.inject({ method: 'GET', url, headers: auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['deprecation']).toBe('@1798761600');
    expect(ok.headers['sunset']).toBe('Wed, 30 Jun 2027 23:59:59 GMT');
    const unauthenticated = await app.inject({ method: 'GET', url });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers['deprecation']).toBe('@1798761600');
    const other = await app.inject({ method: 'GET', url: `${basePath}/races`, headers: auth });
    expect(other.statusCode).toBe(200);
    expect(other.headers['deprecation']).toBeUndefined();
    await app.close();
  });
});
