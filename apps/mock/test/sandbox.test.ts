import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/sandbox.js';

let sandbox: RunningSandbox;
const lines: string[] = [];
const athlete = { Authorization: 'Bearer dev-athlete-token', 'Content-Type': 'application/json' };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: (line) => lines.push(line) });
});
afterAll(async () => {
  await sandbox.close();
});

describe('the sandbox', () => {
  it('keeps state: a created race can be found, searched and fetched, all within the contract', async () => {
    const created = await fetch(`${sandbox.url}/races`, {
      method: 'POST',
      headers: athlete,
      body: JSON.stringify({
        race_name: 'Sandbox Fjord Run',
        race_type: 'run',
        race_subtype: '10k',
        race_date: '2031-05-01T08:00:00Z',
        race_location: 'Bergen, Norway',
      }),
    });
    expect(created.status).toBe(201);
    const { race_id } = (await created.json()) as { race_id: string };
    const found = await fetch(`${sandbox.url}/races?search=fjord`, { headers: athlete });
    expect((await found.json()).data.map((r: { race_id: string }) => r.race_id)).toContain(race_id);
    const one = await fetch(`${sandbox.url}/races/${race_id}`, { headers: athlete });
    expect(one.status).toBe(200);
    for (const res of [created, found, one]) {
      expect(res.headers.get('x-astral-contract-violations')).toBe('request=0, response=0');
      // The API's security headers reach the caller through Prism's proxy and the front.
      expect([res.headers.get('cache-control'), res.headers.get('x-content-type-options')]).toEqual(['no-store', 'nosniff']);
      expect(res.headers.get('sl-violations')).toBeNull();
    }
  });

  it('hands out calendar feed URLs that name the sandbox, read with no headers, checked both ways, never logged', async () => {
    const made = await fetch(`${sandbox.url}/training/plan-instances/pli_mayafirst5k/calendar-feed`, {
      method: 'POST',
      headers: { Authorization: 'Bearer dev-athlete-token' },
    });
    expect(made.status).toBe(201);
    const { url } = ((await made.json()) as { data: { url: string } }).data;
    expect(url.startsWith(`${sandbox.url}/training/plan-instances/pli_mayafirst5k/calendar.ics?feed_token=astral_cf_`)).toBe(true);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('x-astral-contract-violations')).toBe('request=0, response=0');
    expect((await feed.text()).startsWith('BEGIN:VCALENDAR')).toBe(true);
    const token = new URL(url).searchParams.get('feed_token')!;
    expect(lines.some((line) => line.includes('calendar.ics?feed_token=[redacted] -> 200'))).toBe(true);
    expect(lines.join('\n')).not.toContain(token);
  });

  it("passes the API's own error answers through, with Prism's request findings alongside", async () => {
    const res = await fetch(`${sandbox.url}/races?limit=500`, { headers: athlete });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ details: { code: 'VALIDATION_ERROR', field: 'limit' } });
    expect(res.headers.get('x-astral-contract-violations')).toBe('request=1, response=0');
    const anonymous = await fetch(`${sandbox.url}/auth/me`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).details.code).toBe('UNAUTHORIZED');
    expect(lines.some((line) => line.includes('request.query.limit maximum'))).toBe(true);
  });

  it("answers any origin, and lets its scripts read the API's headers and the findings, one spelling each", async () => {
    const origin = 'https://docs.example.com';
    const preflight = await fetch(`${sandbox.url}/races`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const res = await fetch(`${sandbox.url}/races?limit=1`, { headers: { ...athlete, Origin: 'http://localhost:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const exposed = res.headers.get('access-control-expose-headers')!.split(', ');
    expect(exposed).toEqual(
      expect.arrayContaining(['X-Request-Id', 'RateLimit', 'Retry-After', 'sl-violations', 'x-astral-contract-violations']),
    );
    expect(new Set(exposed.map((name) => name.toLowerCase())).size).toBe(exposed.length);
  });

  it('lets the API answer a body that is not JSON itself', async () => {
    const res = await fetch(`${sandbox.url}/races`, { method: 'POST', headers: athlete, body: '{"race_name":' });
    expect(res.status).toBe(400);
    expect((await res.json()).details.code).toBe('INVALID_JSON');
    expect(res.headers.get('x-astral-contract-unchecked')).not.toBeNull();
  });
});

describe('device files through the sandbox', () => {
  it('sends a FIT file to the API byte for byte (Prism would read it as text) and says it was not validated', async () => {
    const { generateRoute, writeFit } = await import('@astral/api/tracks');
    const points = generateRoute({ seed: 5, start: new Date('2031-06-01T06:30:07Z'), distance_m: 4000, pace_s_per_km: 330 });
    const res = await fetch(`${sandbox.url}/activities/import?title=Sandbox%20loop`, {
      method: 'POST',
      headers: { Authorization: 'Bearer dev-athlete-token', 'Content-Type': 'application/vnd.ant.fit' },
      body: new Blob([writeFit(points) as Uint8Array<ArrayBuffer>]),
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toMatchObject({ title: 'Sandbox loop', start_time: '2031-06-01T06:30:07Z', has_streams: true });
    expect(data.distance_meters).toBeGreaterThan(3900);
    expect(res.headers.get('x-astral-contract-unchecked')).toMatch(/file body/);
    const again = await fetch(`${sandbox.url}/activities/${data.activity_id}`, { headers: athlete });
    expect(again.status).toBe(200);
  });
});
