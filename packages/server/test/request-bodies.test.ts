// Request bodies per operation, from the operation table: the media types each takes (raw
// bytes for a device file), its own body limit, and 415 for any other content type.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { operationIds, operationTable, requestBodyLimitBytes } from '@astral/openapi';
import { binaryMediaTypes, mediaTypeOf } from '../src/request-bodies.js';
import { auth, buildApp } from './helpers.js';

/** The operations that take a body of something other than JSON, read from the table. */
const binaryOperations = operationIds.filter((id) => operationTable[id].requestContentTypes.some((type) => type !== 'application/json'));
const raceJson = JSON.stringify({ race_name: 'Berlin', race_type: 'run', race_date: '2025-09-21T07:15:00Z', race_location: 'Berlin' });

let app: FastifyInstance;
const received: unknown[] = [];

beforeAll(() => {
  ({ app } = buildApp({
    importActivity: (context) => {
      received.push(context.body);
      throw new Error('stop here: the body reached the handler');
    },
  }));
});

describe('non-JSON request bodies (the contract lists them per operation)', () => {
  it('the contract has such an operation, and its types are the parsers registered', () => {
    expect(binaryOperations).toEqual(['importActivity']);
    expect(binaryMediaTypes()).toEqual(['application/gpx+xml', 'application/vnd.ant.fit']);
    expect(mediaTypeOf('Application/GPX+XML; charset=utf-8')).toBe('application/gpx+xml');
  });

  it('hands each listed media type to the handler as the raw bytes', async () => {
    for (const type of operationTable.importActivity.requestContentTypes) {
      received.length = 0;
      const bytes = Buffer.from([0x0e, 0x20, 0x00, 0xff, 0x3c]);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/activities/import',
        headers: { ...auth, 'content-type': type },
        payload: bytes,
      });
      expect(response.statusCode).toBe(500);
      expect(Buffer.isBuffer(received[0])).toBe(true);
      expect(Buffer.compare(received[0] as Buffer, bytes)).toBe(0);
    }
  });

  it('answers another content type 415 naming the ones it takes, before the handler runs', async () => {
    received.length = 0;
    for (const type of ['application/json', 'text/xml', 'application/octet-stream']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/activities/import',
        headers: { ...auth, 'content-type': type },
        payload: '{}',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toEqual({
        error: 'Content-Type must be one of application/gpx+xml, application/vnd.ant.fit',
        details: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' },
      });
    }
    const bare = await app.inject({ method: 'POST', url: '/api/v1/activities/import', headers: auth });
    expect(bare.statusCode).toBe(415);
    expect(received).toEqual([]);
  });

  it('answers a device-file type sent to a JSON operation 415, with the catalogue words', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/races',
      headers: { ...auth, 'content-type': 'application/gpx+xml' },
      payload: raceJson,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().details).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it("takes a body up to the operation's own limit and answers 413 above it", async () => {
    const limit = operationTable.importActivity.bodyLimitBytes;
    expect(limit).toBeGreaterThan(requestBodyLimitBytes);
    const overDefault = Buffer.alloc(requestBodyLimitBytes + 1, 0x20);
    received.length = 0;
    const fits = await app.inject({
      method: 'POST',
      url: '/api/v1/activities/import',
      headers: { ...auth, 'content-type': 'application/gpx+xml' },
      payload: overDefault,
    });
    expect(fits.statusCode).toBe(500);
    expect((received[0] as Buffer).length).toBe(requestBodyLimitBytes + 1);
    const race = await app.inject({
      method: 'POST',
      url: '/api/v1/races',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: overDefault,
    });
    expect(race.statusCode).toBe(413);
    const tooBig = await app.inject({
      method: 'POST',
      url: '/api/v1/activities/import',
      headers: { ...auth, 'content-type': 'application/vnd.ant.fit' },
      payload: Buffer.alloc(limit + 1),
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toEqual({
      error: expect.any(String),
      details: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });
});
