// (b, continued) The AI coach through the sandbox: every documented status of the four
// generation operations but the streams' 200 (see below), checked by the API's own answer
// and by Prism's verdict.
import { describe, expect, it } from 'vitest';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call } from './support/sandbox.js';

const draftRequest = { weeks: 3, level: 'beginner', start_date: '2026-03-02', workout_days: ['tuesday', 'saturday'] };
const planRequest = { ...draftRequest, refined_draft: 'Week 1 · base · 12 km' };
const operations = [
  { operationId: 'generatePlanDraft', path: '/ai-coach/generate-draft', body: draftRequest },
  { operationId: 'streamPlanDraft', path: '/ai-coach/generate-draft/stream', body: draftRequest },
  { operationId: 'generatePlan', path: '/ai-coach/generate-plan', body: planRequest },
  { operationId: 'streamPlan', path: '/ai-coach/generate-plan/stream', body: planRequest },
] as const;

export function aiCoachAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);
  describe('AI coach behind the validating proxy', () => {
    for (const { operationId, path, body } of operations) {
      describe(operationId, () => {
        // Prism's validating proxy reads a text/event-stream answer against the event's
        // object schema and flags it, so the streams' 200 is checked in apps/api and
        // packages/reliability (each event against the schema), not here.
        if (!path.endsWith('/stream')) {
          it('200 for a coach', async () => {
            const answer = await call('POST', path, { as: 'coach', body });
            expectApi(answer, operationId, 200);
            expect(answer.body.data.generator).toBe('rule-based-periodization/1');
          });
        }
        it('400 on weeks out of range, 401 without credentials, 403 for an athlete, 404 for an unknown race', async () => {
          expectApi(await call('POST', path, { as: 'coach', body: { ...body, weeks: 53 } }), operationId, 400, {
            code: 'VALIDATION_ERROR',
            field: 'weeks',
          });
          expectApi(await call('POST', path, { as: 'none', body }), operationId, 401, { code: 'UNAUTHORIZED' });
          expectApi(await call('POST', path, { as: 'member', body }), operationId, 403, { code: 'FORBIDDEN', validRequest: true });
          expectApi(await call('POST', path, { as: 'coach', body: { ...body, race_id: 'race_nowhere' } }), operationId, 404, {
            code: 'NOT_FOUND',
            field: 'race_id',
            validRequest: true,
          });
        });
        it('415 for a body that is not JSON', async () => {
          expectApi(await call('POST', path, { as: 'coach', body: 'weeks=3', contentType: 'text/plain' }), operationId, 415, {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          });
        });
      });
    }
  });
}
