// Plan assignment, instances and the calendar feed against the reference API behind the
// validating proxy, through every status the server answers itself (every 500 is exercised
// for all operations by server-faults.ts).
import { beforeAll, describe, it } from 'vitest';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call } from './support/sandbox.js';

const plan = {
  training_plan_name: 'Contract test assignable plan',
  training_plan_type: 'run',
  level: 'basic',
  visibility: 'org',
  weeks: [
    {
      week_number: 1,
      days: {
        tuesday: {
          workout_name: 'Easy',
          workout_type: 'run',
          blocks: [{ type: 'run', block_length_target: 'duration', block_duration_in_seconds: 1800, block_pace: 'z2' }],
        },
      },
    },
  ],
};
const monday = '2026-03-23';

export function trainingPlanInstancesAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  describe('Plan instances against the reference API behind the validating proxy', () => {
    let planId: string;
    let leos: string;
    beforeAll(async () => {
      planId = (await call('POST', '/training/plans', { as: 'coach', body: plan })).body.training_plan_id;
      // Leo (usr_athlete2) is the assistant coach's athlete.
      leos = (
        await call('POST', `/training/plans/${planId}/assign`, { as: 'coach', body: { athlete_ids: ['usr_athlete2'], start_date: monday } })
      ).body.data[0].plan_instance_id;
    });
    const assign = (as: 'coach' | 'assistant' | 'member' | 'none' | 'athlete', body: unknown, id = planId) =>
      call('POST', `/training/plans/${id}/assign`, { as, body });

    it('assignTrainingPlan: 201, 400, 401, 403, 404, 413, 415', async () => {
      expectApi(await assign('assistant', { athlete_ids: ['usr_athlete2'], start_date: monday }), 'assignTrainingPlan', 201);
      expectApi(await assign('coach', { athlete_ids: ['usr_athlete2'], start_date: '2026-03-24' }), 'assignTrainingPlan', 400, {
        code: 'VALIDATION_ERROR',
        field: 'start_date',
        validRequest: true,
      });
      expectApi(await assign('coach', { start_date: 'soon' }), 'assignTrainingPlan', 400, { code: 'VALIDATION_ERROR' });
      expectApi(await assign('none', { athlete_ids: ['usr_athlete2'], start_date: monday }), 'assignTrainingPlan', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(await assign('assistant', { athlete_ids: ['usr_athlete3'], start_date: monday }), 'assignTrainingPlan', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
      expectApi(
        await assign('coach', { athlete_ids: ['usr_athlete2'], start_date: monday }, 'plan_doesnotexist'),
        'assignTrainingPlan',
        404,
        {
          code: 'NOT_FOUND',
          validRequest: true,
        },
      );
      expectApi(
        await call('POST', `/training/plans/${planId}/assign`, { as: 'coach', body: `{"start_date":"${'x'.repeat(1_100_000)}"}` }),
        'assignTrainingPlan',
        413,
        { code: 'PAYLOAD_TOO_LARGE' },
      );
      expectApi(
        await call('POST', `/training/plans/${planId}/assign`, { as: 'coach', body: 'x', contentType: 'text/plain' }),
        'assignTrainingPlan',
        415,
        {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        },
      );
    });

    it('listTrainingPlanInstances: 200, 400, 401', async () => {
      expectApi(await call('GET', '/training/plan-instances?status=active', { as: 'member' }), 'listTrainingPlanInstances', 200);
      expectApi(await call('GET', '/training/plan-instances?status=done', { as: 'member' }), 'listTrainingPlanInstances', 400, {
        code: 'VALIDATION_ERROR',
        field: 'status',
      });
      expectApi(await call('GET', '/training/plan-instances', { as: 'none' }), 'listTrainingPlanInstances', 401, { code: 'UNAUTHORIZED' });
    });

    it('getTrainingPlanInstance and its calendar feed: 200, 400, 401, 404', async () => {
      for (const [suffix, id] of [
        ['', 'getTrainingPlanInstance'],
        ['/calendar.ics', 'getTrainingPlanInstanceCalendar'],
      ] as const) {
        expectApi(await call('GET', `/training/plan-instances/${leos}${suffix}`, { as: 'member' }), id, 200);
        expectApi(await call('GET', `/training/plan-instances/bad${suffix}`, { as: 'member' }), id, 400, {
          code: 'VALIDATION_ERROR',
          field: 'plan_instance_id',
        });
        expectApi(await call('GET', `/training/plan-instances/${leos}${suffix}`, { as: 'none' }), id, 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', `/training/plan-instances/${leos}${suffix}`, { as: 'athlete' }), id, 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
      }
    });

    it('calendar feeds: made, read back and revoked (201, 200, 204, 400, 401, 403, 404); the feed URL alone reads the calendar', async () => {
      const path = `/training/plan-instances/${leos}/calendar-feed`;
      const made = await call('POST', path, { as: 'member' });
      expectApi(made, 'createTrainingPlanInstanceCalendarFeed', 201);
      const token = new URL((made.body as { data: { url: string } }).data.url).searchParams.get('feed_token')!;
      // What a calendar app sends: the URL, no headers; through the validating proxy, checked both ways.
      const feed = `/training/plan-instances/${leos}/calendar.ics?feed_token=${token}`;
      expectApi(await call('GET', feed, { as: 'none' }), 'getTrainingPlanInstanceCalendar', 200);
      expectApi(await call('GET', path, { as: 'member' }), 'getTrainingPlanInstanceCalendarFeed', 200);
      for (const [method, id] of [
        ['POST', 'createTrainingPlanInstanceCalendarFeed'],
        ['GET', 'getTrainingPlanInstanceCalendarFeed'],
        ['DELETE', 'revokeTrainingPlanInstanceCalendarFeed'],
      ] as const) {
        expectApi(await call(method, '/training/plan-instances/bad/calendar-feed', { as: 'member' }), id, 400, {
          code: 'VALIDATION_ERROR',
          field: 'plan_instance_id',
        });
        expectApi(await call(method, path, { as: 'none' }), id, 401, { code: 'UNAUTHORIZED' });
        expectApi(await call(method, path, { as: 'org' }), id, 403, { code: 'FORBIDDEN', field: 'X-API-Key' });
        expectApi(await call(method, path, { as: 'athlete' }), id, 404, { code: 'NOT_FOUND', validRequest: true });
      }
      expectApi(await call('DELETE', path, { as: 'member' }), 'revokeTrainingPlanInstanceCalendarFeed', 204);
      expectApi(await call('GET', feed, { as: 'none' }), 'getTrainingPlanInstanceCalendar', 401, {
        code: 'UNAUTHORIZED',
        field: 'feed_token',
      });
      expectApi(await call('GET', path, { as: 'member' }), 'getTrainingPlanInstanceCalendarFeed', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
    });

    it('updateTrainingPlanInstance: 200, 400, 401, 404, 409 once left, 413, 415', async () => {
      const path = `/training/plan-instances/${leos}`;
      expectApi(await call('PUT', path, { as: 'member', body: { status: 'paused' } }), 'updateTrainingPlanInstance', 200);
      expectApi(await call('PUT', path, { as: 'member', body: { status: 'completed' } }), 'updateTrainingPlanInstance', 400, {
        code: 'VALIDATION_ERROR',
        field: 'status',
      });
      expectApi(await call('PUT', path, { as: 'none', body: { status: 'paused' } }), 'updateTrainingPlanInstance', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(await call('PUT', path, { as: 'athlete', body: { status: 'paused' } }), 'updateTrainingPlanInstance', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
      expectApi(
        await call('PUT', path, { as: 'member', body: `{"status":"${'x'.repeat(1_100_000)}"}` }),
        'updateTrainingPlanInstance',
        413,
        {
          code: 'PAYLOAD_TOO_LARGE',
        },
      );
      expectApi(await call('PUT', path, { as: 'member', body: 'x', contentType: 'text/plain' }), 'updateTrainingPlanInstance', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      expectApi(await call('PUT', path, { as: 'member', body: { status: 'left' } }), 'updateTrainingPlanInstance', 200);
      expectApi(await call('PUT', path, { as: 'member', body: { status: 'active' } }), 'updateTrainingPlanInstance', 409, {
        code: 'CONFLICT',
        validRequest: true,
      });
    });
  });
}
