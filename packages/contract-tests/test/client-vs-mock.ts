// (a) The client against the mock: every operation through @astral/client, its success
// response and each documented error status (forced with Prefer), typed results, and no
// finding from Prism. Plus the mock's own dialect for real bad input.
import { describe, expect, inject, it } from 'vitest';
import { AstralApiError, createAstralClient, type AstralClient, type CallOptions } from '@astral/client';
import { operationIds, operationTable, type OperationId } from '@astral/openapi';
import { contract, operationObject, operationResponse } from '@astral/openapi/contract';
import { exampleRequest, examplesOf } from '@astral/openapi/reader';
import { errorStatuses, firstExampleCode, otherSuccessStatuses } from './support/contract-facts.js';
import type { CoverageRecorder } from './support/coverage.js';
import { findings, recordingFetch } from './support/http.js';

type Call = (client: AstralClient, options: CallOptions) => Promise<unknown>;

/**
 * The call of each operation, derived from the contract: `client.<namespace>.<method>` from the
 * operation table, its arguments from the contract's example request (the same one the docs
 * sample shows). A new operation is exercised with nothing written here.
 */
export function exampleCall(operationId: OperationId): Call {
  const entry = operationTable[operationId];
  const { pathValues, query, body } = exampleRequest(contract, operationObject(operationId));
  const args: unknown[] = entry.pathParams.map((name) => pathValues[name]);
  if (entry.hasBody) args.push(body);
  if (entry.queryParams.length > 0) args.push(query);
  return (client, options) => {
    const call = (client as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[entry.client.namespace]?.[
      entry.client.method
    ];
    if (!call) throw new Error(`the client has no ${entry.client.namespace}.${entry.client.method} for ${operationId}`);
    return call(...args, options).then(eventsIfStream);
  };
}

/** A stream's answer read to its end (its events in order); any other answer as it is. */
async function eventsIfStream(result: unknown): Promise<unknown> {
  if (typeof result !== 'object' || result === null || !(Symbol.asyncIterator in result)) return result;
  const events: unknown[] = [];
  for await (const event of result as AsyncIterable<unknown>) events.push(event);
  return events;
}

/**
 * What the client must resolve to for the mock's success answer (the first example of the
 * success response): the envelope's `data` when it is `{ status, data }`, the envelope
 * without `status` when it carries more, the body itself when the contract uses none; for
 * an event stream, every event example in order (read by {@link exampleCall} to its end).
 */
export function expectedResult(operationId: OperationId, status: number | null = operationTable[operationId].successStatus): unknown {
  const entry = operationTable[operationId];
  // A text answer (an iCalendar feed) is its example as text; JSON ones are unwrapped below.
  const content = status === null ? undefined : operationResponse(operationId, status)?.content;
  // An event stream is its examples, each one event, in order.
  if (content?.['text/event-stream']) return examplesOf(contract, content['text/event-stream']).map((e) => e.value);
  const media = content?.['application/json'] ?? content?.['text/calendar'];
  const example = examplesOf(contract, media)[0]?.value as Record<string, unknown> | undefined;
  if (!entry.envelope || example === undefined) return example;
  const { status: _status, ...rest } = example;
  return Object.keys(rest).length === 1 && 'data' in rest ? rest['data'] : rest;
}

/** Typed checks beyond the derived one, where a resource has something worth pinning through the client's types. */
export const typedChecks: Partial<{ [K in OperationId]: (client: AstralClient, options: CallOptions) => Promise<void> }> = {
  listRaces: async (c, o) => {
    const { data, metadata } = await c.races.list({ race_type: 'run', upcoming: true, limit: 10 }, o);
    expect(data.length).toBe(metadata.total);
    expect(data.every((race) => race.race_id.startsWith('race_'))).toBe(true);
  },
  createRace: async (c, o) => {
    const created = await c.races.create(
      {
        race_name: 'Chicago Marathon',
        race_type: 'run',
        race_subtype: 'marathon',
        race_date: '2025-10-05T08:00:00Z',
        race_location: 'Chicago, IL, USA',
      },
      o,
    );
    expect(created.race_id).toBe(created.data.race_id);
    expect(created.message).toMatch(/created/i);
  },
  getRace: async (c, o) => {
    const race = await c.races.get('race_xyz456', o);
    expect(race.race_id).toMatch(/^race_/);
    expect(typeof race.participants_count).toBe('number');
  },
  updateRace: async (c, o) => {
    const updated = await c.races.update('race_xyz456', { race_participant_count: 45000 }, o);
    expect(updated.data.race_participant_count).toBe(45000);
  },
  deleteRace: async (c, o) => {
    const deleted = await c.races.delete('race_xyz456', o);
    expect(deleted.message).toMatch(/deleted/i);
  },
  getMe: async (c, o) => {
    const me = await c.auth.me(o);
    expect(['user', 'organization']).toContain(me.principal_type);
  },
};

export function clientAgainstMock(recorder: CoverageRecorder): void {
  describe('client against the mock', () => {
    const recorded = recordingFetch();
    const client = () => createAstralClient({ baseUrl: inject('mockUrl'), token: 'any-token', fetch: recorded.fetch });

    it('has operations to call', () => expect(operationIds.length).toBeGreaterThan(0));

    describe.each(operationIds)('%s', (operationId) => {
      it('success: the example request resolves to the example response, unwrapped, no finding', async () => {
        expect(await exampleCall(operationId)(client(), {})).toEqual(expectedResult(operationId));
        const response = recorded.last();
        expect(response.headers.get('sl-violations')).toBeNull();
        recorder.record('mock', operationId, response.status);
        await typedChecks[operationId]?.(client(), {});
        expect(recorded.last().headers.get('sl-violations')).toBeNull();
      });

      it.each(otherSuccessStatuses(operationId))('success %i forced with Prefer: resolves to that example, no finding', async (status) => {
        const result = await exampleCall(operationId)(client(), { headers: { Prefer: `code=${status}` } });
        const response = recorded.last();
        expect(response.status).toBe(status);
        expect(result).toEqual(expectedResult(operationId, status));
        expect(response.headers.get('sl-violations')).toBeNull();
        recorder.record('mock', operationId, status);
      });

      it.each(errorStatuses(operationId))('error %i forced with Prefer: AstralApiError with the documented code', async (status) => {
        const error = await exampleCall(operationId)(client(), { headers: { Prefer: `code=${status}` } }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AstralApiError);
        const apiError = error as AstralApiError;
        expect(apiError.status).toBe(status);
        expect(apiError.code).toBe(firstExampleCode(operationId, status));
        expect(recorded.last().headers.get('sl-violations')).toBeNull();
        recorder.record('mock', operationId, status);
      });
    });

    it('answers real bad input in the API dialect, naming the field Prism found', async () => {
      const error = await client()
        .races.list({ limit: 500 })
        .catch((e: unknown) => e as AstralApiError);
      expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'limit' });
      expect(findings(recorded.last().headers).request.map((v) => v.location.join('.'))).toEqual(['request.query.limit']);
      const update = await client()
        .races.update('race_xyz456', { race_id: 'race_other' } as never)
        .catch((e: unknown) => e as AstralApiError);
      expect(update).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'race_id' });
    });

    it('answers a call without credentials 401 UNAUTHORIZED', async () => {
      const anonymous = createAstralClient({ baseUrl: inject('mockUrl'), fetch: recorded.fetch });
      const error = await anonymous.auth.me().catch((e: unknown) => e as AstralApiError);
      expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    });

    it('serves a named example through the typed raw client', async () => {
      const { data, response } = await client().raw.GET('/races/{race_id}', {
        params: { path: { race_id: 'race_utmb2026' } },
        headers: { Prefer: 'example=sparseTrailRace' },
      });
      expect(response.status).toBe(200);
      expect(data?.data.race_description).toBeNull();
      expect(response.headers.get('sl-violations')).toBeNull();
    });
  });
}
