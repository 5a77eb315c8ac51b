// The plan stream through @astral/client over real HTTP: consumed with `for await` as typed
// events, and cancelled by leaving the loop, which closes the connection and stops the
// generation on the server (the generator sees its signal aborted and produces no more weeks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAstralServer, createStubHandlers } from '@astral/server';
import { AstralApiError, createAstralClient } from '@astral/client';
import type { Principal } from '../src/domain/principal.js';
import { mapDomainError } from '../src/map-error.js';
import { aiCoachHandlers } from '../src/resources/aiCoach/handlers.js';
import type { GenerationInput, PlanGenerator, PlanRequest, PlanStep } from '../src/resources/aiCoach/model.js';
import { RuleBasedPlanGenerator } from '../src/resources/aiCoach/rule-based-generator.js';
import { AiCoachService } from '../src/resources/aiCoach/service.js';
import { createAuthenticator } from '../src/resources/auth/service.js';
import { createAuthorizer } from '../src/resources/organizations/permissions.js';
import { devCredentials } from '../src/seed/build.js';
import { fixedNow, testApp } from './helpers.js';

const request: PlanRequest = {
  weeks: 30,
  level: 'advanced',
  start_date: '2026-03-02',
  workout_days: ['monday', 'thursday', 'saturday'],
  refined_draft: 'as the rules say',
};

/** The reference generator, pausing between weeks as a model would, telling how it ended. */
class PacedGenerator implements PlanGenerator {
  readonly name = 'paced';
  private readonly inner = new RuleBasedPlanGenerator(() => fixedNow);
  weeksProduced = 0;
  ended: Promise<{ aborted: boolean }>;
  private end!: (outcome: { aborted: boolean }) => void;
  constructor() {
    this.ended = new Promise((resolve) => (this.end = resolve));
  }
  draft(input: GenerationInput, signal: AbortSignal) {
    return this.inner.draft(input, signal);
  }
  async *plan(input: GenerationInput & { refinedDraft: string }, signal: AbortSignal): AsyncGenerator<PlanStep> {
    try {
      for await (const step of this.inner.plan(input, signal)) {
        if (step.type === 'plan_week') {
          this.weeksProduced++;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        yield step;
      }
    } finally {
      this.end({ aborted: signal.aborted });
    }
  }
}

const api = testApp({ seed: true });
let generator = new PacedGenerator();
// The API's handlers with the paced generator in place of the reference one.
const server = createAstralServer<Principal>({
  mode: 'test',
  handlers: {
    ...createStubHandlers<Principal>(),
    ...aiCoachHandlers(
      new AiCoachService({
        races: api.repository.races,
        organizations: api.repository.organizations,
        authorize: createAuthorizer(api.repository.organizations),
        generator: { name: 'paced', draft: (...args) => generator.draft(...args), plan: (...args) => generator.plan(...args) },
      }),
    ),
  },
  authenticate: createAuthenticator(api.repository, { now: () => fixedNow, developmentCredentials: true }),
  mapError: mapDomainError,
});
let client: ReturnType<typeof createAstralClient>;

beforeAll(async () => {
  await api.app.ready(); // runs the seed (the development credentials among it)
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  client = createAstralClient({ baseUrl: `${address}/api/v1`, token: devCredentials.coachToken });
});
afterAll(async () => {
  server.server.closeAllConnections(); // a failed test may leave a stream open
  await server.close();
  await api.close();
});

describe('streamPlan through @astral/client', () => {
  it('yields typed events in order, ending with the whole plan', async () => {
    generator = new PacedGenerator();
    const stream = await client.aiCoach.streamPlan({ ...request, weeks: 4 });
    const types: string[] = [];
    let weeks = 0;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'plan_week') weeks += event.week.distance_in_meters > 0 ? 1 : 0;
      if (event.type === 'plan_completed') expect(event.data.weeks).toHaveLength(4);
    }
    expect(types).toEqual(['plan_started', 'plan_week', 'plan_week', 'plan_week', 'plan_week', 'plan_completed']);
    expect(weeks).toBe(4);
    expect(await generator.ended).toEqual({ aborted: false });
  });

  it('stops the generation when the client leaves the loop', async () => {
    generator = new PacedGenerator();
    const stream = await client.aiCoach.streamPlan(request);
    for await (const event of stream) {
      if (event.type === 'plan_week') break;
    }
    const outcome = await Promise.race([generator.ended, new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))]);
    expect(outcome).toEqual({ aborted: true });
    expect(generator.weeksProduced).toBeGreaterThan(0);
    expect(generator.weeksProduced).toBeLessThan(request.weeks);
  });

  it('stops the generation on close()', async () => {
    generator = new PacedGenerator();
    const stream = await client.aiCoach.streamPlan(request);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: 'plan_started', duration_in_weeks: request.weeks });
    await stream.close();
    expect(await generator.ended).toEqual({ aborted: true });
    expect(generator.weeksProduced).toBeLessThan(request.weeks);
  });

  it('rejects bad input before any event, with the error shape', async () => {
    const error = await client.aiCoach.streamPlan({ ...request, weeks: 60 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AstralApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'weeks' });
  });
});
