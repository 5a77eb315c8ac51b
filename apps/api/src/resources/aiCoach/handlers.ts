/** The AI coach operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { AiCoachService } from './service.js';

export type AiCoachHandlers = HandlersForTag<'AI coach', Principal>;

/**
 * The four AI coach handlers over an `AiCoachService`: the JSON ones answer the whole draft or
 * plan, the streamed ones its events (the server sends them as `text/event-stream`). Each
 * passes the request's abort signal, so a client that goes away stops the generation.
 *
 * @example
 * ```ts
 * const handlers = aiCoachHandlers(new AiCoachService({ races, organizations, authorize, generator }));
 * ```
 */
export function aiCoachHandlers(service: AiCoachService): AiCoachHandlers {
  return {
    generatePlanDraft: async ({ body, principal, signal }) => ({
      status: 200,
      body: { status: 'ok', data: await service.draft(body, principal, signal) },
    }),
    streamPlanDraft: async ({ body, principal, signal }) => ({
      status: 200,
      events: await service.draftSteps('streamPlanDraft', body, principal, signal),
    }),
    generatePlan: async ({ body, principal, signal }) => ({
      status: 200,
      body: { status: 'ok', data: await service.plan(body, principal, signal) },
    }),
    streamPlan: async ({ body, principal, signal }) => ({
      status: 200,
      events: await service.planSteps('streamPlan', body, principal, signal),
    }),
  };
}
