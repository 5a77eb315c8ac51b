// The mock's answers that are not JSON: the AI coach's event streams (which Prism alone
// answers 500 NO_COMPLEX_OBJECT_TEXT) and the plan instance's iCalendar feed, each read as a
// frontend reads them, over HTTP and through @astral/client.
import { createAstralClient } from '@astral/client';
import { contract } from '@astral/openapi/contract';
import { examplesOf, operationsOf, type OpenApiDocument } from '@astral/openapi/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamOperationsOf } from '../src/event-streams.js';
import { startMock } from '../src/mock.js';
import type { RunningServer } from '../src/running-server.js';

const document: OpenApiDocument = contract;
const key = { 'X-API-Key': 'any-key' };
const json = { ...key, 'Content-Type': 'application/json' };
let mock: RunningServer;

beforeAll(async () => {
  mock = await startMock({ port: 0, log: () => {} });
});
afterAll(async () => {
  await mock.close();
});

/** The events of a Server-Sent Events text: id, event name and parsed data of each. */
function eventsOf(text: string): Array<{ id: string | undefined; event: string | undefined; data: unknown }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      return { id: field('id'), event: field('event'), data: JSON.parse(field('data') ?? 'null') };
    });
}

const streams = operationsOf(document)
  .filter((location) => location.operation.responses?.['200']?.content?.['text/event-stream'] !== undefined)
  .map((location) => ({
    ...location,
    body: examplesOf(document, location.operation.requestBody?.content?.['application/json'])[0]?.value,
    events: examplesOf(document, location.operation.responses['200'].content['text/event-stream']),
  }));

describe('event streams in the mock', () => {
  it('finds the contract’s stream operations', () => {
    expect(streams.map((s) => s.operationId).sort()).toEqual(['streamPlan', 'streamPlanDraft']);
    expect(streamOperationsOf(document)).toHaveLength(streams.length);
  });

  it.each(streams.map((s) => [s.operationId, s] as const))('%s answers its examples as Server-Sent Events', async (_, stream) => {
    expect(stream.events.length).toBeGreaterThan(0);
    const res = await fetch(`${mock.url}${stream.path}`, { method: 'POST', headers: json, body: JSON.stringify(stream.body) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const events = eventsOf(await res.text());
    expect(events).toEqual(
      stream.events.map(({ value }, id) => ({ id: String(id), event: (value as { type: string }).type, data: value })),
    );
  });

  it.each(streams.map((s) => [s.operationId, s] as const))('%s sends only the event Prefer: example names', async (_, stream) => {
    const last = stream.events.at(-1)!;
    const res = await fetch(`${mock.url}${stream.path}`, {
      method: 'POST',
      headers: { ...json, Prefer: `example=${last.name}` },
      body: JSON.stringify(stream.body),
    });
    expect(eventsOf(await res.text()).map((e) => e.data)).toEqual([last.value]);
  });

  it.each(streams.map((s) => [s.operationId, s] as const))('%s still checks the request first', async (_, stream) => {
    const invalid = await fetch(`${mock.url}${stream.path}`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...(stream.body as object), weeks: 60 }),
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).details).toEqual({ code: 'VALIDATION_ERROR', field: 'weeks' });
    const anonymous = await fetch(`${mock.url}${stream.path}`, { method: 'POST', body: JSON.stringify(stream.body) });
    expect(anonymous.status).toBe(401);
    const coded = await fetch(`${mock.url}${stream.path}`, {
      method: 'POST',
      headers: { ...json, Prefer: 'code=403' },
      body: JSON.stringify(stream.body),
    });
    expect(coded.status).toBe(403);
    expect((await coded.json()).details.code).toBe('FORBIDDEN');
  });

  it('is read by @astral/client as typed events', async () => {
    const client = createAstralClient({ baseUrl: mock.url, token: 'anything' });
    const draft = streams.find((s) => s.operationId === 'streamPlanDraft')!;
    const types: string[] = [];
    for await (const event of await client.aiCoach.streamPlanDraft(draft.body as never)) types.push(event.type);
    expect(types).toEqual(draft.events.map(({ value }) => (value as { type: string }).type));
  });
});

describe('the calendar feed in the mock', () => {
  const location = operationsOf(document).find((o) => o.operationId === 'getTrainingPlanInstanceCalendar')!;
  const feed = examplesOf(document, location.operation.responses['200'].content['text/calendar'])[0]!.value as string;

  it('answers the example feed as text/calendar, over HTTP and through the client', async () => {
    const res = await fetch(`${mock.url}/training/plan-instances/pli_leospring/calendar.ics`, { headers: key });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await res.text()).toBe(feed);
    const client = createAstralClient({ baseUrl: mock.url, token: 'anything' });
    expect(await client.trainingPlans.instanceCalendar('pli_leospring')).toBe(feed);
  });

  it('answers a malformed instance id 400 naming it, and a documented 404 on request', async () => {
    const bad = await fetch(`${mock.url}/training/plan-instances/nope/calendar.ics`, { headers: key });
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toEqual({ code: 'VALIDATION_ERROR', field: 'plan_instance_id' });
    const missing = await fetch(`${mock.url}/training/plan-instances/pli_gone/calendar.ics`, { headers: { ...key, Prefer: 'code=404' } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).details.code).toBe('NOT_FOUND');
  });
});
