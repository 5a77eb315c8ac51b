// The AI coach operations over HTTP: drafts and plans from the reference generator, the
// training principle's source, goal races by their local date, bad input as the API's error
// shape, who may generate, and the event streams as they are sent.
import { afterAll, describe, expect, it } from 'vitest';
import { devCredentials } from '../src/seed/build.js';
import { bearer, errorOf, fixedNow, storedRace, testApp, userMaker } from './helpers.js';

const { call, close, app, repository } = testApp({ seed: true });
afterAll(() => close());

const coach = bearer(devCredentials.coachToken);
const assistant = bearer(devCredentials.assistantToken);
const member = bearer(devCredentials.memberToken);
// 12 weeks from Monday 2026-03-02: the last week is 2026-05-18 to 2026-05-24.
const request = { weeks: 12, level: 'intermediate', start_date: '2026-03-02', workout_days: ['sunday', 'tuesday', 'thursday'] };
const withDraft = (body: object) => ({ ...body, refined_draft: 'Week 1 · base · 30 km' });

describe('generatePlanDraft and generatePlan', () => {
  it('answers a readable draft with the organization principle, and a plan from it', async () => {
    const draft = await call('POST', '/ai-coach/generate-draft', coach, request);
    expect(draft.status).toBe(200);
    expect(draft.body.data).toMatchObject({
      training_principle: { text: 'Polarized training, 80% easy.', source: 'organization' },
      request: { ...request, workout_days: ['tuesday', 'thursday', 'sunday'], org_id: 'org_alpineclub' },
      generator: 'rule-based-periodization/1',
      generated_at: fixedNow.toISOString(),
    });
    expect(draft.body.data.draft.match(/^Week \d+ · (base|build|peak) · \d+ km$/gm)).toHaveLength(12);

    const plan = await call('POST', '/ai-coach/generate-plan', assistant, { ...request, refined_draft: draft.body.data.draft });
    expect(plan.status).toBe(200);
    expect(plan.body.data).toMatchObject({ level: 'intermediate', duration_in_weeks: 12, end_date: '2026-05-24', goal_race: null });
    expect(plan.body.data.weeks).toHaveLength(12);
  });

  it('applies an override of the training principle, for that request only', async () => {
    const draft = await call('POST', '/ai-coach/generate-draft', coach, { ...request, training_principle: 'Hills every week.' });
    expect(draft.body.data.training_principle).toEqual({ text: 'Hills every week.', source: 'request' });
    expect(draft.body.data.draft).toContain('Training principle (request): Hills every week.');
  });

  it('ends with the goal race on its local date, after a taper', async () => {
    // 23:30 UTC on the plan's last day: still 2026-05-24 in New York, already the 25th in Berlin.
    const instant = '2026-05-24T23:30:00Z';
    const common = {
      race_type: 'run',
      race_subtype: 'half-marathon',
      race_date: instant,
      race_location: 'X',
      created_by: 'usr_admin1',
    } as const;
    await repository.races.insert(
      storedRace({ ...common, race_id: 'race_nyhalf', race_name: 'NY Half', race_timezone: 'America/New_York' }),
    );
    await repository.races.insert(
      storedRace({ ...common, race_id: 'race_berhalf', race_name: 'Berlin Half', race_timezone: 'Europe/Berlin' }),
    );

    const plan = await call('POST', '/ai-coach/generate-plan', coach, withDraft({ ...request, race_id: 'race_nyhalf' }));
    expect(plan.status).toBe(200);
    expect(plan.body.data.goal_race).toEqual({ race_id: 'race_nyhalf', race_name: 'NY Half', date: '2026-05-24' });
    const weeks = plan.body.data.weeks;
    expect(weeks.slice(-2).map((week: { phase: string }) => week.phase)).toEqual(['taper', 'taper']);
    expect(weeks.at(-1).workouts.at(-1)).toMatchObject({ sub_type: 'race', date: '2026-05-24', target_distance_in_meters: 21_097 });

    const late = await call('POST', '/ai-coach/generate-plan', coach, withDraft({ ...request, race_id: 'race_berhalf' }));
    expect(errorOf(late)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: 'race_id' });
    expect(late.body.error).toContain('2026-05-25');
  });

  it('carries the plan as the body POST /training/plans stores, race day and intervals included', async () => {
    const days = ['monday', 'tuesday', 'thursday', 'saturday', 'sunday'];
    const asked = withDraft({ ...request, level: 'advanced', workout_days: days, race_id: 'race_nyhalf' });
    const generated = (await call('POST', '/ai-coach/generate-plan', coach, asked)).body.data;
    const body = generated.training_plan;
    expect(body).toMatchObject({ training_plan_name: generated.name, level: 'advanced', visibility: 'private', workout_days: days });
    const workouts = generated.weeks.flatMap((week: { workouts: unknown[] }) => week.workouts);
    const planDays = body.weeks.flatMap((week: { days: Record<string, unknown> }) => Object.values(week.days));
    expect(planDays).toHaveLength(workouts.length);
    expect(JSON.stringify(body)).toContain('"type":"interval"');
    expect(body.weeks.at(-1).days.sunday).toMatchObject({ workout_sub_type: 'race', target_distance_in_meters: 21_097 });

    const stored = await call('POST', '/training/plans', coach, body);
    expect(stored.status).toBe(201);
    expect(stored.body.data).toMatchObject({ level: 'advanced', duration_in_weeks: 12, weeks: body.weeks });
  });
});

describe('refused input', () => {
  const cases: Array<[string, object, number, string]> = [
    ['0 weeks', { ...request, weeks: 0 }, 400, 'weeks'],
    ['53 weeks', { ...request, weeks: 53 }, 400, 'weeks'],
    ['the plan vocabulary for level', { ...request, level: 'basic' }, 400, 'level'],
    ['no workout days', { ...request, workout_days: [] }, 400, 'workout_days'],
    ['a day twice', { ...request, workout_days: ['monday', 'monday'] }, 400, 'workout_days'],
    ['a date that does not exist', { ...request, start_date: '2026-02-30' }, 400, 'start_date'],
    ['an unknown field', { ...request, sport: 'swim' }, 400, 'sport'],
    ['an unknown race', { ...request, race_id: 'race_nowhere' }, 404, 'race_id'],
  ];
  it.each(cases)('%s is a %i on its field, on both steps', async (_name, body, status, field) => {
    for (const [url, sent] of [
      ['/ai-coach/generate-draft', body],
      ['/ai-coach/generate-plan', withDraft(body)],
      ['/ai-coach/generate-plan/stream', withDraft(body)],
    ] as const) {
      const reply = await call('POST', url, coach, sent);
      expect(errorOf(reply), url).toEqual({ status, code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_ERROR', field });
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('refuses a draft shorter than 10 characters', async () => {
    expect(errorOf(await call('POST', '/ai-coach/generate-plan', coach, { ...request, refined_draft: 'short' }))).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      field: 'refined_draft',
    });
  });
});

describe('who may generate', () => {
  it('refuses athletes (403), outsiders (404 on org_id) and a caller in no organization without org_id (400)', async () => {
    expect(errorOf(await call('POST', '/ai-coach/generate-draft', member, request))).toMatchObject({ status: 403 });
    const outsider = await userMaker(repository, 'gen')();
    expect(errorOf(await call('POST', '/ai-coach/generate-draft', outsider.as, { ...request, org_id: 'org_alpineclub' }))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      field: 'org_id',
    });
    expect(errorOf(await call('POST', '/ai-coach/generate-draft', outsider.as, request))).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      field: 'org_id',
    });
  });

  it("lets the organization's key and an admin (naming the organization) generate", async () => {
    expect((await call('POST', '/ai-coach/generate-draft', 'organization', request)).status).toBe(200);
    expect((await call('POST', '/ai-coach/generate-draft', 'admin', { ...request, org_id: 'org_alpineclub' })).status).toBe(200);
  });
});

describe('the event streams as sent', () => {
  it('sends each plan step as a Server-Sent Event: id, event type, one line of JSON', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/ai-coach/generate-plan/stream',
      headers: { authorization: `Bearer ${devCredentials.coachToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify(withDraft({ ...request, weeks: 3 })),
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reply.headers['x-request-id']).toBeTruthy();
    const events = reply.body
      .trim()
      .split('\n\n')
      .map((block) => {
        const [id, event, data] = block.split('\n');
        return { id, event, data: JSON.parse(data!.replace(/^data: /, '')) as { type: string } };
      });
    expect(events.map(({ id, event }) => `${id} ${event}`)).toEqual([
      'id: 0 event: plan_started',
      'id: 1 event: plan_week',
      'id: 2 event: plan_week',
      'id: 3 event: plan_week',
      'id: 4 event: plan_completed',
    ]);
    expect(events.every(({ event, data }) => event === `event: ${data.type}`)).toBe(true);
  });

  it('streams the draft in chunks that add up to the draft', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/ai-coach/generate-draft/stream',
      headers: { 'x-api-key': devCredentials.organizationKey, 'content-type': 'application/json' },
      payload: JSON.stringify(request),
    });
    const data = reply.body
      .trim()
      .split('\n\n')
      .map(
        (block) =>
          JSON.parse(
            block
              .split('\n')
              .find((line) => line.startsWith('data: '))!
              .slice(6),
          ) as { type: string; text?: string; data?: { draft: string } },
      );
    expect(data[0]!.type).toBe('draft_started');
    expect(data.at(-1)!.type).toBe('draft_completed');
    expect(data.flatMap((event) => (event.type === 'draft_chunk' ? [event.text] : [])).join('')).toBe(data.at(-1)!.data!.draft);
  });
});
