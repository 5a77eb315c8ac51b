import { describe, expect, it } from 'vitest';
import {
  allowedAt,
  basePath,
  bodyLimitAt,
  methodsAllowedFor,
  operationIds,
  operationTable,
  requestBodyLimitBytes,
  responseHeaderNames,
} from '../src/index.js';
import { bundled, deref } from './bundled.js';

describe('the generated operation table', () => {
  it('lists every operation of the contract with its method and path', () => {
    const fromContract = Object.entries<any>(bundled.paths).flatMap(([path, item]) =>
      Object.entries<any>(item)
        .filter(([, op]) => op?.operationId)
        .map(([method, op]) => `${op.operationId} ${method.toUpperCase()} ${path}`),
    );
    expect(operationIds.map((id) => `${id} ${operationTable[id].method.toUpperCase()} ${operationTable[id].path}`)).toEqual(fromContract);
  });

  it('knows which operations answer in the envelope, from the response schemas', () => {
    // Exactly the Auth operations answer at the top level, as the overview says, and the
    // operations whose answer is a document of its own (an event stream, an iCalendar feed).
    const auth = operationIds.filter((id) => operationTable[id].tag === 'Auth');
    const contentOf = (id: (typeof operationIds)[number]): Record<string, unknown> | undefined => {
      const { method, path, successStatus } = operationTable[id];
      return deref(bundled.paths[path][method].responses[String(successStatus)]).content;
    };
    // And those that answer nothing at all (a 204).
    const empty = operationIds.filter((id) => contentOf(id) === undefined);
    expect(empty).toEqual(['revokeTrainingPlanInstanceCalendarFeed']);
    const documents = operationIds.filter((id) => contentOf(id) !== undefined && contentOf(id)!['application/json'] === undefined);
    expect(documents).toEqual(['streamPlanDraft', 'streamPlan', 'getTrainingPlanInstanceCalendar']);
    expect(operationIds.filter((id) => !operationTable[id].envelope)).toEqual(
      operationIds.filter((id) => auth.includes(id) || documents.includes(id) || empty.includes(id)),
    );
    expect(auth).toHaveLength(10);
  });

  it('derives the session effect and the Idempotency-Key of each operation from the contract', () => {
    const withEffect = (effect: string) => operationIds.filter((id) => operationTable[id].session === effect);
    expect(withEffect('issues')).toEqual(['completeSignup', 'login', 'refreshToken', 'exchangeFirebaseToken']);
    expect(withEffect('ends')).toEqual(['logout']);
    // The operations whose parameters name the Idempotency-Key header, read from the bundle
    // (so a resource added later, `npm run new:resource`'s create included, needs no line here).
    const header = (parameter: any) =>
      (parameter.$ref ? bundled.components.parameters[parameter.$ref.split('/').at(-1)] : parameter)?.name === 'Idempotency-Key';
    const sendKey = Object.values<any>(bundled.paths).flatMap((item) =>
      Object.values<any>(item)
        .filter((op) => op?.operationId && (op.parameters ?? []).some(header))
        .map((op) => op.operationId as string),
    );
    expect(sendKey).toEqual(expect.arrayContaining(['createRace', 'requestVerification', 'createOrganization', 'createGroup']));
    expect(operationIds.filter((id) => operationTable[id].idempotencyKey)).toEqual(sendKey);
  });

  it("derives each operation's request media types and body limit from the contract", () => {
    for (const id of operationIds) {
      const body = bundled.paths[operationTable[id].path][operationTable[id].method].requestBody;
      expect(operationTable[id].requestContentTypes, id).toEqual(Object.keys(body?.content ?? {}));
      expect(operationTable[id].hasBody, id).toBe(operationTable[id].requestContentTypes.length > 0);
    }
    // A device file is sent as itself, up to the operation's own limit; everything else is JSON within the API's.
    expect(operationTable.importActivity.requestContentTypes).toEqual(['application/gpx+xml', 'application/vnd.ant.fit']);
    expect(operationTable.importActivity.bodyLimitBytes).toBe(bundled.paths['/activities/import'].post['x-astral-body-limit-bytes']);
    expect(bodyLimitAt('POST', `${basePath}/activities/import?user_id=usr_a1`)).toBe(operationTable.importActivity.bodyLimitBytes);
    expect(bodyLimitAt('POST', `${basePath}/races`)).toBe(requestBodyLimitBytes);
    const others = operationIds.filter((id) => id !== 'importActivity');
    expect(others.length).toBeGreaterThan(0);
    for (const id of others) {
      expect(operationTable[id].bodyLimitBytes, id).toBe(requestBodyLimitBytes);
      expect(
        operationTable[id].requestContentTypes.filter((type) => type !== 'application/json'),
        id,
      ).toEqual([]);
    }
  });

  it('derives the base path from the servers', () => {
    expect(basePath).toBe('/api/v1');
  });

  it('knows the methods of each path, for 405 and its Allow header', () => {
    expect(methodsAllowedFor('/api/v1/races?limit=5')).toEqual(['GET', 'POST']);
    expect(methodsAllowedFor('/api/v1/races/race_xyz456')).toEqual(['DELETE', 'GET', 'PUT']);
    expect(methodsAllowedFor('/api/v1/races/race_xyz456/extra')).toEqual([]);
    expect(methodsAllowedFor('/races')).toEqual([]);
  });

  it('derives what a CORS preflight allows per path, and the response headers browser code may read', () => {
    expect(allowedAt('/api/v1/races?limit=5')).toEqual({
      path: '/races',
      methods: ['GET', 'POST'],
      requestHeaders: ['Authorization', 'X-API-Key', 'Idempotency-Key', 'Content-Type'],
    });
    // The anonymous auth operations take no credential header; the ones with a body take Content-Type.
    expect(operationTable.login.requestHeaders).toEqual(['Content-Type']);
    expect(operationTable.getMe.requestHeaders).toEqual(['Authorization', 'X-API-Key']);
    expect(allowedAt('/api/v1/nowhere')).toBeUndefined();
    expect([...responseHeaderNames].sort()).toEqual(['RateLimit', 'RateLimit-Policy', 'Retry-After', 'WWW-Authenticate', 'X-Request-Id']);
  });
});
