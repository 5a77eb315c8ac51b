// The training plan operations over HTTP (in-process), on SQLite and PostgreSQL: the nested
// structure validated at every depth and refused past the contract's nesting depth with the
// block's path, the structure rules, who may create and change what (the contract's
// permission rows), who reads which plan (visibility; another organization's plan is a 404),
// and the list's filters, summary mode and cursor pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@astral/openapi/contract';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, laneApp, userMaker, type As } from './helpers.js';
import { devCredentials } from '../src/seed/build.js';

const headCoach = bearer(devCredentials.coachToken);
const assistant = bearer(devCredentials.assistantToken);
const member = bearer(devCredentials.memberToken);

/** The contract's stated nesting depth of content blocks. */
const maxDepth = (contract.components.schemas!.ContentBlock as Record<string, unknown>)['x-astral-max-depth'] as number;

const step = (extra: Record<string, unknown> = {}) => ({
  type: 'run',
  block_length_target: 'distance',
  block_distance_in_meters: 400,
  block_pace: 'z4',
  ...extra,
});
/** An interval nested `depth` deep (depth 1: an interval of steps). */
const nested = (depth: number, leaf: Record<string, unknown> = step()): Record<string, unknown> =>
  depth === 0 ? leaf : { type: 'interval', block_repeat: 2, blocks: [nested(depth - 1, leaf)] };

const plan = (blocks: unknown[] = [step()], extra: Record<string, unknown> = {}) => ({
  training_plan_name: 'Ladder block',
  training_plan_description: 'Short and sharp.',
  training_plan_type: 'run',
  level: 'intermediate',
  visibility: 'org',
  workout_days: ['monday'],
  weeks: [{ week_number: 1, days: { monday: { workout_name: 'Ladder', workout_type: 'run', blocks }, tuesday: null } }],
  ...extra,
});
const blocksPath = 'weeks[0].days.monday.blocks';

describeOnDatabases('training plans on $name', (lane) => {
  const { call, close, repository } = laneApp(lane);
  const newUser = userMaker(repository, 'tp');
  afterAll(() => close());
  const create = async (as: As, body: unknown) => {
    const reply = await call('POST', '/training/plans', as, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.data.training_plan_id as string;
  };
  let otherHeadCoach: As;
  beforeAll(async () => {
    const user = await newUser('other');
    expect((await call('POST', '/organizations', user.as, { name: `Other Club ${lane.name}` })).status).toBe(201);
    otherHeadCoach = user.as;
  });

  describe('the nested structure', () => {
    it('stores and returns blocks nested to the stated depth', async () => {
      expect(maxDepth).toBe(3);
      const body = plan([nested(maxDepth - 1)]);
      const created = await call('POST', '/training/plans', headCoach, body);
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        training_plan_name: 'Ladder block',
        duration_in_weeks: 1,
        visibility: 'org',
        org_id: 'org_alpineclub',
        owner_id: 'usr_coach1',
        coach_name: 'Elena Brandt',
        cover_image_url: null,
        weeks: body.weeks,
      });
      const read = await call('GET', `/training/plans/${created.body.training_plan_id}`, member);
      expect(read.body.data.weeks[0].days.monday.blocks[0].blocks[0].blocks[0]).toEqual(step());
    });

    it('refuses a block nested past the depth with a 400 naming its path', async () => {
      const tooDeep = await call('POST', '/training/plans', headCoach, plan([nested(maxDepth)]));
      expect(errorOf(tooDeep)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: `${blocksPath}[0].blocks[0].blocks[0].blocks[0]` });
      expect(tooDeep.body.error).toMatch(/nested deeper/);
    });

    it('validates every field at every depth', async () => {
      const badPace = await call('POST', '/training/plans', headCoach, plan([nested(2, step({ block_pace: 'z7' }))]));
      expect(errorOf(badPace)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: `${blocksPath}[0].blocks[0].blocks[0].block_pace` });
      const unknown = await call('POST', '/training/plans', headCoach, plan([nested(1, step({ split: 3 }))]));
      expect(errorOf(unknown)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: `${blocksPath}[0].blocks[0].split` });
      const system = await call('POST', '/training/plans', headCoach, plan(undefined, { visibility: 'system' }));
      expect(errorOf(system)).toMatchObject({ status: 400, field: 'visibility' });
    });

    it('refuses what a block type needs or forbids, and weeks out of order, naming the path', async () => {
      const cases: Array<[unknown, string]> = [
        [plan([step({ block_distance_in_meters: undefined })]), `${blocksPath}[0]`],
        [plan([nested(1, step({ block_length_target: 'duration' }))]), `${blocksPath}[0].blocks[0]`],
        [plan([{ type: 'interval', blocks: [step()] }]), `${blocksPath}[0]`],
        [plan([step({ block_repeat: 3 })]), `${blocksPath}[0]`],
        [{ ...plan(), weeks: [{ week_number: 2, days: {} }] }, 'weeks[0].week_number'],
      ];
      for (const [body, field] of cases) {
        expect(errorOf(await call('POST', '/training/plans', headCoach, body))).toEqual({ status: 400, code: 'VALIDATION_ERROR', field });
      }
    });
  });

  describe('who may create and change', () => {
    it('lets coaches, admins and keys create; refuses athletes and callers in no organization', async () => {
      await create(assistant, plan());
      await create('admin', plan());
      const byKey = await call('POST', '/training/plans', 'organization', plan());
      expect(byKey.body.data).toMatchObject({ owner_id: null, coach_name: null, org_id: 'org_alpineclub' });
      expect(errorOf(await call('POST', '/training/plans', member, plan()))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(errorOf(await call('POST', '/training/plans', 'athlete', plan()))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(errorOf(await call('POST', '/training/plans', 'anonymous', plan()))).toMatchObject({ status: 401 });
    });

    it('lets the owner, the head coach, the key and admins change a plan; others get 403, another organization 404', async () => {
      const own = await create(assistant, plan());
      const headsPlan = await create(headCoach, plan());
      expect((await call('PUT', `/training/plans/${own}`, assistant, { level: 'advanced' })).body.data.level).toBe('advanced');
      expect((await call('PUT', `/training/plans/${own}`, headCoach, { visibility: 'public' })).status).toBe(200);
      expect((await call('PUT', `/training/plans/${own}`, 'organization', { level: 'basic' })).status).toBe(200);
      expect((await call('PUT', `/training/plans/${own}`, 'admin', { cover_image_url: null })).status).toBe(200);
      expect(errorOf(await call('PUT', `/training/plans/${headsPlan}`, assistant, { level: 'basic' }))).toMatchObject({ status: 403 });
      expect(errorOf(await call('PUT', `/training/plans/${headsPlan}`, member, { level: 'basic' }))).toMatchObject({ status: 403 });
      expect(errorOf(await call('PUT', `/training/plans/${headsPlan}`, otherHeadCoach, { level: 'basic' }))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'training_plan_id',
      });
      expect(errorOf(await call('DELETE', `/training/plans/${headsPlan}`, assistant))).toMatchObject({ status: 403 });
      expect((await call('DELETE', `/training/plans/${headsPlan}`, headCoach)).status).toBe(200);
      expect(errorOf(await call('GET', `/training/plans/${headsPlan}`, headCoach))).toMatchObject({ status: 404 });
    });

    it('replaces weeks whole and recounts them on update', async () => {
      const id = await create(headCoach, plan());
      const weeks = [...plan().weeks, { week_number: 2, days: { friday: null } }];
      const updated = await call('PUT', `/training/plans/${id}`, headCoach, { weeks });
      expect(updated.body.data).toMatchObject({ duration_in_weeks: 2, weeks });
      expect(
        errorOf(
          await call('PUT', `/training/plans/${id}`, headCoach, {
            weeks: [{ week_number: 1, days: { monday: { workout_name: 'x', workout_type: 'run', blocks: [nested(4)] } } }],
          }),
        ),
      ).toMatchObject({ status: 400, field: 'weeks[0].days.monday.blocks[0].blocks[0].blocks[0].blocks[0]' });
      expect(errorOf(await call('PUT', `/training/plans/${id}`, headCoach, {}))).toMatchObject({ status: 400 });
    });
  });

  describe('who reads which plan', () => {
    let privatePlan: string;
    let orgPlan: string;
    let publicPlan: string;
    beforeAll(async () => {
      privatePlan = await create(assistant, plan(undefined, { visibility: 'private', training_plan_name: 'Private sharpener' }));
      orgPlan = await create(assistant, plan(undefined, { visibility: 'org', training_plan_name: 'Club base' }));
      publicPlan = await create(assistant, plan(undefined, { visibility: 'public', training_plan_name: 'Open marathon' }));
    });
    const status = async (id: string, as: As) => (await call('GET', `/training/plans/${id}`, as)).status;

    it('private: the owner and the head coach; org: members; public: everyone signed in', async () => {
      expect(await status(privatePlan, assistant)).toBe(200);
      expect(await status(privatePlan, headCoach)).toBe(200);
      expect(await status(privatePlan, member)).toBe(404);
      expect(await status(privatePlan, 'organization')).toBe(404);
      expect(await status(orgPlan, member)).toBe(200);
      expect(await status(orgPlan, 'organization')).toBe(200);
      expect(await status(orgPlan, 'athlete')).toBe(404);
      expect(await status(orgPlan, otherHeadCoach)).toBe(404);
      expect(await status(publicPlan, otherHeadCoach)).toBe(200);
      expect(await status(publicPlan, 'athlete')).toBe(200);
      expect(await status(privatePlan, 'admin')).toBe(200);
    });

    it('lists only what the caller reads; org_id shows another organization its public plans', async () => {
      const names = async (as: As, query = '') =>
        ((await call('GET', `/training/plans?summary=true${query}`, as)).body.data as Array<{ training_plan_name: string }>).map(
          (p) => p.training_plan_name,
        );
      expect(await names(member)).toEqual(expect.arrayContaining(['Club base', 'Open marathon']));
      expect(await names(member)).not.toContain('Private sharpener');
      expect(await names(headCoach)).toContain('Private sharpener');
      // The seed's system plans are everyone's; nothing of the Alpine Club is another organization's.
      expect(await names(otherHeadCoach)).toEqual(expect.arrayContaining(['First 5K', 'Half marathon base']));
      expect(await names(otherHeadCoach, '&visibility=org')).toEqual([]);
      const othersView = await names(otherHeadCoach, '&org_id=org_alpineclub');
      expect(othersView).toContain('Open marathon');
      expect(othersView).not.toContain('Club base');
      expect(othersView).not.toContain('Private sharpener');
      expect((await names(member, '&search=MARATH')).sort()).toEqual(['Half marathon base', 'Open marathon']);
      expect(await names(member, '&visibility=private')).toEqual([]);
    });
  });

  describe('the list', () => {
    it('leaves weeks out in summary mode, pages with a cursor to null, and bounds limit to 50', async () => {
      for (let i = 0; i < 3; i++) await create(headCoach, plan(undefined, { level: 'basic', training_plan_type: 'swim' }));
      const full = await call('GET', '/training/plans?training_plan_type=swim&level=basic', headCoach);
      expect(full.body.data[0].weeks).toBeDefined();
      const first = await call('GET', '/training/plans?training_plan_type=swim&level=basic&summary=true&limit=2', headCoach);
      expect(first.body.data).toHaveLength(2);
      expect(first.body.data[0].weeks).toBeUndefined();
      expect(first.body.metadata.total).toBe(3);
      const next = await call(
        'GET',
        `/training/plans?training_plan_type=swim&level=basic&summary=true&limit=2&cursor=${first.body.metadata.next_cursor}`,
        headCoach,
      );
      expect(next.body.data).toHaveLength(1);
      expect(next.body.metadata.next_cursor).toBeNull();
      const ids = [...first.body.data, ...next.body.data].map((p: { training_plan_id: string }) => p.training_plan_id);
      expect(new Set(ids).size).toBe(3);
      const otherFilters = await call('GET', `/training/plans?level=basic&cursor=${first.body.metadata.next_cursor}`, headCoach);
      expect(errorOf(otherFilters)).toMatchObject({ status: 400, field: 'cursor' });
      expect(errorOf(await call('GET', '/training/plans?limit=51', headCoach))).toMatchObject({ status: 400, field: 'limit' });
      expect(errorOf(await call('GET', '/training/plans?level=beginner', headCoach))).toMatchObject({ status: 400, field: 'level' });
    });
  });
});
