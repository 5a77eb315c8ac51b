// Every operation of the contract is routed, and everything else gets 404 or 405.
import { describe, expect, it } from 'vitest';
import { basePath, operationIds, operationTable } from '@astral/openapi';
import { contract, operationObject } from '@astral/openapi/contract';
import { exampleRequest } from '@astral/openapi/reader';
import { auth, buildApp } from './helpers.js';
import { successEvents } from '../src/contract-schemas.js';

/** The contract's own example request of an operation: path values and first body example. */
function example(id: (typeof operationIds)[number]) {
  const { path } = operationTable[id];
  const request = exampleRequest(contract, operationObject(id));
  const url = basePath + path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(request.pathValues[name])));
  // A device file's example is its text, sent with its own media type; every other body is JSON.
  const headers = { ...auth, ...(request.contentType ? { 'content-type': request.contentType } : {}) };
  return { url, body: request.body as object | string | undefined, headers };
}

/** The first example of the success response, and its media type (JSON, or a document's own such as `text/calendar`); none for a `204`. */
function firstExample(id: (typeof operationIds)[number]): { mediaType: string; value: unknown } | undefined {
  const { method, path, successStatus } = operationTable[id];
  const content = contract.paths[path]![method].responses[String(successStatus)].content;
  if (content === undefined) return undefined;
  const mediaType = 'application/json' in content ? 'application/json' : Object.keys(content)[0]!;
  const media = content[mediaType];
  const first = Object.values<any>(media.examples)[0];
  // A shared example is a reference to components.examples (the athlete's profile).
  const example = first.$ref ? contract.components.examples![first.$ref.split('/').at(-1)] : first;
  return { mediaType, value: example.value };
}

describe('routing', () => {
  it('has operations to route', () => expect(operationIds.length).toBeGreaterThan(0));

  it.each(operationIds)('routes %s to its handler, and the stub answers its first example', async (id) => {
    const { app, violations } = buildApp();
    const { method, successStatus } = operationTable[id];
    const { url, body, headers } = example(id);
    const response = await app.inject({ method: method.toUpperCase() as 'GET', url, headers, payload: body });
    expect(response.statusCode).toBe(successStatus);
    const events = successEvents(id);
    if (events) {
      // An event stream: its examples, each one Server-Sent Event.
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      const data = response.body.split('\n').filter((line) => line.startsWith('data: '));
      expect(data.map((line) => JSON.parse(line.slice(6)) as unknown)).toEqual(events);
    } else if (successStatus === 204) {
      // No content: nothing to compare but its absence.
      expect(firstExample(id)).toBeUndefined();
      expect(response.body).toBe('');
    } else {
      const { mediaType, value } = firstExample(id)!;
      expect(response.headers['content-type']).toMatch(new RegExp(`^${mediaType}`));
      // A document of its own format (an iCalendar feed) is the example as text.
      expect(mediaType === 'application/json' ? response.json() : response.body).toEqual(value);
    }
    expect(violations).toEqual([]);
  });

  it('mounts exactly the contract operations, nothing hand-written', async () => {
    const { app } = buildApp();
    await app.ready();
    for (const id of operationIds) {
      const { method, path } = operationTable[id];
      expect(app.hasRoute({ method: method.toUpperCase(), url: basePath + path.replace(/\{([^}]+)\}/g, ':$1') })).toBe(true);
    }
  });

  it('answers an unknown route 404 in the error shape', async () => {
    const { app } = buildApp();
    for (const url of ['/api/v1/nothing', '/races', '/api/v1/races/race_1/extra', '/']) {
      const response = await app.inject({ method: 'GET', url, headers: auth });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: expect.any(String), details: { code: 'NOT_FOUND' } });
    }
  });

  it('answers a wrong method 405 with Allow, before authentication', async () => {
    const { app } = buildApp();
    const onItem = await app.inject({ method: 'PATCH', url: '/api/v1/races/race_1' });
    expect(onItem.statusCode).toBe(405);
    expect(onItem.headers.allow).toBe('DELETE, GET, PUT');
    expect(onItem.json()).toMatchObject({ details: { code: 'METHOD_NOT_ALLOWED' } });

    const onList = await app.inject({ method: 'DELETE', url: '/api/v1/races?limit=3', headers: auth });
    expect(onList.statusCode).toBe(405);
    expect(onList.headers.allow).toBe('GET, POST');

    const head = await app.inject({ method: 'HEAD', url: '/api/v1/auth/me', headers: auth });
    expect(head.statusCode).toBe(405);
    expect(head.headers.allow).toBe('GET');
  });

  it('puts an X-Request-Id on every response, keeping a sane incoming one', async () => {
    const { app } = buildApp();
    const ids = new Set<string>();
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/auth/me', headers: auth },
      { method: 'GET' as const, url: '/api/v1/auth/me' },
      { method: 'GET' as const, url: '/nowhere' },
      { method: 'PATCH' as const, url: '/api/v1/races' },
      { method: 'GET' as const, url: '/api/v1/races/%E0%A4%A', headers: auth },
      { method: 'POST' as const, url: '/api/v1/races', headers: { ...auth, 'content-type': 'application/json' }, payload: '{' },
    ]) {
      const response = await app.inject(request);
      expect(response.headers['x-request-id'], request.url).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(response.headers['x-request-id'] as string);
    }
    expect(ids.size).toBe(6);

    const kept = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { ...auth, 'x-request-id': 'trace-42.a' } });
    expect(kept.headers['x-request-id']).toBe('trace-42.a');
    const replaced = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { ...auth, 'x-request-id': 'no spaces <allowed>' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a malformed URL 400 in the error shape', async () => {
    const { app } = buildApp();
    const response = await app.inject({ method: 'GET', url: '/api/v1/races/%E0%A4%A', headers: auth });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ details: { code: 'VALIDATION_ERROR' } });
  });
});
