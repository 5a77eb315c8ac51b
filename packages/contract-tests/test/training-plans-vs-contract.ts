// The training plan operations against the reference API behind the validating proxy, through
// every status the server answers itself (the 409 of an Idempotency-Key in use and every 500
// are exercised for all operations by server-in-flight.ts and server-faults.ts), the nested
// blocks included: the deepest the contract allows is answered 201, one level deeper 400.
import { beforeAll, describe, it } from 'vitest';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call } from './support/sandbox.js';

let counter = 0;
const step = { type: 'run', block_length_target: 'duration', block_duration_in_seconds: 120, block_pace: 'z3' };
const nested = (depth: number): Record<string, unknown> =>
  depth === 0 ? step : { type: 'interval', block_repeat: 3, blocks: [nested(depth - 1)] };
/** A plan body the API accepts, named per call; its blocks nest `depth` intervals deep. */
const newPlan = (overrides: Record<string, unknown> = {}, depth = 2) => ({
  training_plan_name: `Contract test plan ${++counter}`,
  training_plan_type: 'run',
  level: 'basic',
  visibility: 'org',
  weeks: [{ week_number: 1, days: { wednesday: { workout_name: 'Intervals', workout_type: 'run', blocks: [nested(depth)] } } }],
  ...overrides,
});

export function trainingPlansAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  describe('Training plans against the reference API behind the validating proxy', () => {
    let coachOwned: string;
    beforeAll(async () => {
      coachOwned = (await call('POST', '/training/plans', { as: 'coach', body: newPlan() })).body.training_plan_id;
    });

    it('listTrainingPlans: 200 paged and in summary mode, 400 on a bad cursor or limit, 401 without credentials', async () => {
      expectApi(await call('GET', '/training/plans?limit=1', { as: 'coach' }), 'listTrainingPlans', 200);
      expectApi(await call('GET', '/training/plans?summary=true&level=basic', { as: 'member' }), 'listTrainingPlans', 200);
      expectApi(await call('GET', '/training/plans?cursor=bm9wZQ'), 'listTrainingPlans', 400, {
        code: 'VALIDATION_ERROR',
        field: 'cursor',
        validRequest: true,
      });
      expectApi(await call('GET', '/training/plans?limit=51'), 'listTrainingPlans', 400, { code: 'VALIDATION_ERROR', field: 'limit' });
      expectApi(await call('GET', '/training/plans', { as: 'none' }), 'listTrainingPlans', 401, { code: 'UNAUTHORIZED' });
    });

    it('createTrainingPlan: 201 (blocks at the deepest level), 400 one level deeper, 401, 403, 413, 415, and the Idempotency-Key replay and 422', async () => {
      expectApi(await call('POST', '/training/plans', { as: 'coach', body: newPlan() }), 'createTrainingPlan', 201);
      expectApi(await call('POST', '/training/plans', { as: 'coach', body: newPlan({}, 3) }), 'createTrainingPlan', 400, {
        code: 'VALIDATION_ERROR',
        field: 'weeks[0].days.wednesday.blocks[0].blocks[0].blocks[0].blocks[0]',
      });
      expectApi(await call('POST', '/training/plans', { as: 'coach', body: {} }), 'createTrainingPlan', 400, { code: 'VALIDATION_ERROR' });
      expectApi(await call('POST', '/training/plans', { as: 'coach', body: '{"weeks": ' }), 'createTrainingPlan', 400, {
        code: 'INVALID_JSON',
      });
      expectApi(await call('POST', '/training/plans', { as: 'none', body: newPlan() }), 'createTrainingPlan', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(await call('POST', '/training/plans', { as: 'member', body: newPlan() }), 'createTrainingPlan', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
      expectApi(
        await call('POST', '/training/plans', { as: 'coach', body: newPlan({ training_plan_description: 'x'.repeat(1_100_000) }) }),
        'createTrainingPlan',
        413,
        { code: 'PAYLOAD_TOO_LARGE' },
      );
      expectApi(await call('POST', '/training/plans', { as: 'coach', body: 'x', contentType: 'text/plain' }), 'createTrainingPlan', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      const headers = { 'Idempotency-Key': `ct-training-plan-${Date.now()}` };
      const body = newPlan();
      await call('POST', '/training/plans', { as: 'coach', body, headers });
      expectApi(await call('POST', '/training/plans', { as: 'coach', body, headers }), 'createTrainingPlan', 201);
      expectApi(await call('POST', '/training/plans', { as: 'coach', body: newPlan(), headers }), 'createTrainingPlan', 422, {
        code: 'IDEMPOTENCY_KEY_REUSED',
        validRequest: true,
      });
    });

    it('getTrainingPlan: 200, 400 on a malformed id, 401, 404 (and for a plan the caller may not read)', async () => {
      expectApi(await call('GET', `/training/plans/${coachOwned}`, { as: 'org' }), 'getTrainingPlan', 200);
      expectApi(await call('GET', '/training/plans/not-an-id'), 'getTrainingPlan', 400, {
        code: 'VALIDATION_ERROR',
        field: 'training_plan_id',
      });
      expectApi(await call('GET', `/training/plans/${coachOwned}`, { as: 'none' }), 'getTrainingPlan', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('GET', '/training/plans/plan_doesnotexist'), 'getTrainingPlan', 404, { code: 'NOT_FOUND', validRequest: true });
      expectApi(await call('GET', `/training/plans/${coachOwned}`, { as: 'athlete' }), 'getTrainingPlan', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
    });

    it('updateTrainingPlan: 200 for the owner, 400, 401, 403 for another coach, 404, 413, 415', async () => {
      const own = (await call('POST', '/training/plans', { as: 'assistant', body: newPlan() })).body.training_plan_id as string;
      expectApi(
        await call('PUT', `/training/plans/${own}`, { as: 'assistant', body: { training_plan_description: null } }),
        'updateTrainingPlan',
        200,
      );
      expectApi(await call('PUT', `/training/plans/${own}`, { as: 'assistant', body: {} }), 'updateTrainingPlan', 400, {
        code: 'VALIDATION_ERROR',
      });
      expectApi(await call('PUT', `/training/plans/${own}`, { as: 'none', body: { level: 'basic' } }), 'updateTrainingPlan', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(
        await call('PUT', `/training/plans/${coachOwned}`, { as: 'assistant', body: { level: 'basic' } }),
        'updateTrainingPlan',
        403,
        {
          code: 'FORBIDDEN',
          validRequest: true,
        },
      );
      expectApi(
        await call('PUT', '/training/plans/plan_doesnotexist', { as: 'coach', body: { level: 'basic' } }),
        'updateTrainingPlan',
        404,
        {
          code: 'NOT_FOUND',
          validRequest: true,
        },
      );
      expectApi(
        await call('PUT', `/training/plans/${own}`, { as: 'assistant', body: { training_plan_description: 'x'.repeat(1_100_000) } }),
        'updateTrainingPlan',
        413,
        { code: 'PAYLOAD_TOO_LARGE' },
      );
      expectApi(
        await call('PUT', `/training/plans/${own}`, { as: 'assistant', body: 'x', contentType: 'text/plain' }),
        'updateTrainingPlan',
        415,
        {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        },
      );
    });

    it('deleteTrainingPlan: 200 for the owner then 404, 400, 401, 403 for an athlete', async () => {
      const own = (await call('POST', '/training/plans', { as: 'assistant', body: newPlan() })).body.training_plan_id as string;
      expectApi(await call('DELETE', `/training/plans/${own}`, { as: 'assistant' }), 'deleteTrainingPlan', 200);
      expectApi(await call('DELETE', `/training/plans/${own}`, { as: 'assistant' }), 'deleteTrainingPlan', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
      expectApi(await call('DELETE', '/training/plans/bad'), 'deleteTrainingPlan', 400, {
        code: 'VALIDATION_ERROR',
        field: 'training_plan_id',
      });
      expectApi(await call('DELETE', `/training/plans/${coachOwned}`, { as: 'none' }), 'deleteTrainingPlan', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('DELETE', `/training/plans/${coachOwned}`, { as: 'member' }), 'deleteTrainingPlan', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
    });
  });
}
