// The Activities operations against the reference API behind the validating proxy, through
// every status the server answers itself (the 409 of an Idempotency-Key in use and every 500
// are exercised for all operations by server-in-flight.ts and server-faults.ts). The seeded
// athlete (usr_athlete1, in no organization) logs; the seeded member Leo (usr_athlete2) is
// coached by the assistant coach; a reader who may only read is the organization's key on an
// activity of an athlete who shares publicly for the length of one test.
import { beforeAll, describe, it } from 'vitest';
import { generateRoute, writeFit, writeGpx } from '@astral/api/tracks';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call, callOversized } from './support/sandbox.js';

let counter = 0;
/** An activity body the API accepts, titled per call. */
const newActivity = (overrides: Record<string, unknown> = {}) => ({
  title: `Contract test run ${++counter}`,
  activity_type: 'run',
  start_time: '2026-03-02T07:15:00Z',
  duration_seconds: 2730,
  distance_meters: 8042.5,
  ...overrides,
});

const GPX = 'application/gpx+xml';
const FIT = 'application/vnd.ant.fit';
let runs = 0;
/** A 3 km run recorded as a file, each starting in its own second (the same second is a duplicate). */
function recordedRun(format: 'gpx' | 'fit'): Uint8Array {
  const start = new Date(Date.UTC(2031, 6, 1, 6, 0, ++runs));
  const points = generateRoute({ seed: runs, start, distance_m: 3000, pace_s_per_km: 330 });
  return format === 'fit' ? writeFit(points) : new TextEncoder().encode(writeGpx(points));
}

export function activitiesAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  describe('Activities against the reference API behind the validating proxy', () => {
    let own: string;
    beforeAll(async () => {
      own = (await call('POST', '/activities', { body: newActivity() })).body.activity_id;
    });

    it('listActivities: 200 paged and filtered, 400 on bad filters, a cursor or an offset, 401, 403 for an athlete not coached', async () => {
      expectApi(await call('GET', '/activities?limit=1&status=completed,skipped&activity_type=run'), 'listActivities', 200);
      expectApi(await call('GET', '/activities?user_id=usr_athlete2', { as: 'assistant' }), 'listActivities', 200);
      expectApi(await call('GET', '/activities?cursor=bm9wZQ'), 'listActivities', 400, {
        code: 'VALIDATION_ERROR',
        field: 'cursor',
        validRequest: true,
      });
      expectApi(await call('GET', '/activities?offset=20'), 'listActivities', 400, { code: 'VALIDATION_ERROR', field: 'offset' });
      expectApi(await call('GET', '/activities?limit=101'), 'listActivities', 400, { code: 'VALIDATION_ERROR', field: 'limit' });
      expectApi(await call('GET', '/activities', { as: 'none' }), 'listActivities', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('GET', '/activities?user_id=usr_athlete2'), 'listActivities', 403, {
        code: 'FORBIDDEN',
        field: 'user_id',
        validRequest: true,
      });
    });

    it('createActivity: 201 (own, and a coach for their athlete), 400, 401, 403, 404, 413, 415, and the Idempotency-Key replay and 422', async () => {
      expectApi(await call('POST', '/activities', { body: newActivity() }), 'createActivity', 201);
      expectApi(
        await call('POST', '/activities', { as: 'assistant', body: newActivity({ user_id: 'usr_athlete2' }) }),
        'createActivity',
        201,
      );
      expectApi(await call('POST', '/activities', { body: {} }), 'createActivity', 400, { code: 'VALIDATION_ERROR' });
      expectApi(await call('POST', '/activities', { body: newActivity({ activity_type: 'RUNNING' }) }), 'createActivity', 400, {
        code: 'VALIDATION_ERROR',
        field: 'activity_type',
      });
      expectApi(await call('POST', '/activities', { body: '{"title": ' }), 'createActivity', 400, { code: 'INVALID_JSON' });
      expectApi(await call('POST', '/activities', { as: 'none', body: newActivity() }), 'createActivity', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('POST', '/activities', { body: newActivity({ user_id: 'usr_athlete2' }) }), 'createActivity', 403, {
        code: 'FORBIDDEN',
        field: 'user_id',
        validRequest: true,
      });
      expectApi(await call('POST', '/activities', { as: 'admin', body: newActivity({ user_id: 'usr_nobody' }) }), 'createActivity', 404, {
        code: 'NOT_FOUND',
        field: 'user_id',
        validRequest: true,
      });
      expectApi(await call('POST', '/activities', { body: newActivity({ description: 'x'.repeat(1_100_000) }) }), 'createActivity', 413, {
        code: 'PAYLOAD_TOO_LARGE',
      });
      expectApi(await call('POST', '/activities', { body: 'title=x', contentType: 'text/plain' }), 'createActivity', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      const headers = { 'Idempotency-Key': `ct-activity-${Date.now()}` };
      const body = newActivity();
      await call('POST', '/activities', { body, headers });
      expectApi(await call('POST', '/activities', { body, headers }), 'createActivity', 201);
      expectApi(await call('POST', '/activities', { body: newActivity(), headers }), 'createActivity', 422, {
        code: 'IDEMPOTENCY_KEY_REUSED',
        validRequest: true,
      });
    });

    it('importActivity: 201 (GPX, FIT, a coach for their athlete), 400 per refused file, 401, 403, 404, 409, 413, 415, 422', async () => {
      const gpx = recordedRun('gpx');
      expectApi(await call('POST', '/activities/import', { body: gpx, contentType: GPX }), 'importActivity', 201);
      const fit = recordedRun('fit');
      const asAssistant = { as: 'assistant' as const, body: fit, contentType: FIT };
      expectApi(await call('POST', '/activities/import?user_id=usr_athlete2', asAssistant), 'importActivity', 201);
      expectApi(await call('POST', '/activities/import', { body: fit.slice(0, 400), contentType: FIT }), 'importActivity', 400, {
        code: 'MALFORMED_FILE',
        validRequest: true,
      });
      const onePoint =
        '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"><time>2031-07-02T06:00:00Z</time></trkpt></trkseg></trk></gpx>';
      expectApi(await call('POST', '/activities/import', { body: onePoint, contentType: GPX }), 'importActivity', 400, {
        code: 'TOO_FEW_POINTS',
        validRequest: true,
      });
      expectApi(
        await call('POST', '/activities/import?activity_type=yoga', { body: recordedRun('gpx'), contentType: GPX }),
        'importActivity',
        400,
        {
          code: 'VALIDATION_ERROR',
          field: 'activity_type',
        },
      );
      expectApi(
        await call('POST', '/activities/import', { as: 'none', body: recordedRun('fit'), contentType: FIT }),
        'importActivity',
        401,
        {
          code: 'UNAUTHORIZED',
        },
      );
      expectApi(
        await call('POST', '/activities/import?user_id=usr_athlete2', { body: recordedRun('fit'), contentType: FIT }),
        'importActivity',
        403,
        {
          code: 'FORBIDDEN',
          field: 'user_id',
          validRequest: true,
        },
      );
      expectApi(
        await call('POST', '/activities/import?user_id=usr_nobody', { as: 'admin', body: recordedRun('fit'), contentType: FIT }),
        'importActivity',
        404,
        {
          code: 'NOT_FOUND',
          field: 'user_id',
          validRequest: true,
        },
      );
      expectApi(await call('POST', '/activities/import', { body: gpx, contentType: GPX }), 'importActivity', 409, {
        code: 'DUPLICATE_IMPORT',
        validRequest: true,
      });
      expectApi(await call('POST', '/activities/import', { body: newActivity() }), 'importActivity', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      const headers = { 'Idempotency-Key': `ct-import-${Date.now()}` };
      const file = recordedRun('fit');
      expectApi(await call('POST', '/activities/import', { body: file, contentType: FIT, headers }), 'importActivity', 201);
      expectApi(await call('POST', '/activities/import', { body: file, contentType: FIT, headers }), 'importActivity', 201);
      expectApi(await call('POST', '/activities/import', { body: recordedRun('fit'), contentType: FIT, headers }), 'importActivity', 422, {
        code: 'IDEMPOTENCY_KEY_REUSED',
        validRequest: true,
      });
      // Over this operation's own 32 MiB (the 1 MiB of the other operations is far below).
      expectApi(
        await callOversized('POST', '/activities/import', { body: new Uint8Array(33_554_433), contentType: FIT }),
        'importActivity',
        413,
        {
          code: 'PAYLOAD_TOO_LARGE',
        },
      );
    });

    it('getActivity and getActivityStreams: 200, 400 on a malformed id or parameter, 401, 404 for one the caller may not read', async () => {
      expectApi(await call('GET', `/activities/${own}`), 'getActivity', 200);
      expectApi(await call('GET', '/activities/not-an-id'), 'getActivity', 400, { code: 'VALIDATION_ERROR', field: 'activity_id' });
      expectApi(await call('GET', `/activities/${own}`, { as: 'none' }), 'getActivity', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('GET', '/activities/act_doesnotexist'), 'getActivity', 404, { code: 'NOT_FOUND', validRequest: true });
      expectApi(await call('GET', `/activities/${own}`, { as: 'coach' }), 'getActivity', 404, { code: 'NOT_FOUND', validRequest: true });
      expectApi(await call('GET', `/activities/${own}/streams?types=time,heartrate&points=100`), 'getActivityStreams', 200);
      expectApi(await call('GET', `/activities/${own}/streams?points=1`), 'getActivityStreams', 400, {
        code: 'VALIDATION_ERROR',
        field: 'points',
      });
      expectApi(await call('GET', `/activities/${own}/streams`, { as: 'none' }), 'getActivityStreams', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('GET', `/activities/${own}/streams`, { as: 'coach' }), 'getActivityStreams', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
    });

    it('updateActivity and deleteActivity: 200 for the athlete, 400, 401, 403 for a reader who may not change, 404, 413, 415', async () => {
      const mine = (await call('POST', '/activities', { body: newActivity() })).body.activity_id as string;
      expectApi(await call('PUT', `/activities/${mine}`, { body: { description: null, status: 'skipped' } }), 'updateActivity', 200);
      expectApi(await call('PUT', `/activities/${mine}`, { body: {} }), 'updateActivity', 400, { code: 'VALIDATION_ERROR' });
      expectApi(await call('PUT', `/activities/${mine}`, { as: 'none', body: { title: 'x' } }), 'updateActivity', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(await call('PUT', '/activities/act_doesnotexist', { body: { title: 'x' } }), 'updateActivity', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
      expectApi(await call('PUT', `/activities/${mine}`, { body: { description: 'x'.repeat(1_100_000) } }), 'updateActivity', 413, {
        code: 'PAYLOAD_TOO_LARGE',
      });
      expectApi(await call('PUT', `/activities/${mine}`, { body: 'x', contentType: 'text/plain' }), 'updateActivity', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      // Shared with everyone, the activity is readable by the organization's key, which may not change it.
      await call('PUT', '/users/usr_athlete1', { body: { privacy: { share_activity_with_public: true } } });
      try {
        expectApi(await call('PUT', `/activities/${mine}`, { as: 'org', body: { title: 'x' } }), 'updateActivity', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('DELETE', `/activities/${mine}`, { as: 'org' }), 'deleteActivity', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
      } finally {
        await call('PUT', '/users/usr_athlete1', { body: { privacy: { share_activity_with_public: false } } });
      }
      expectApi(await call('DELETE', `/activities/${mine}`), 'deleteActivity', 200);
      expectApi(await call('DELETE', `/activities/${mine}`), 'deleteActivity', 404, { code: 'NOT_FOUND', validRequest: true });
      expectApi(await call('DELETE', '/activities/bad'), 'deleteActivity', 400, { code: 'VALIDATION_ERROR', field: 'activity_id' });
      expectApi(await call('DELETE', `/activities/${own}`, { as: 'none' }), 'deleteActivity', 401, { code: 'UNAUTHORIZED' });
    });
  });
}
