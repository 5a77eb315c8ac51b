/**
 * The AI coach's streams with no server (the MSW mode and the component tests). The
 * contract's stream examples are single events (a start, one chunk, one week), not a whole
 * generation; these handlers stream one from the contract's examples of the JSON variants
 * instead (`generatePlanDraft`, `generatePlan`), in the events' order the contract states:
 * started, a chunk per draft line (a week per `plan_week`), completed. Events come `pause`
 * ms apart, as a generator's would, so progress shows and Cancel has something to stop; an
 * aborted request (or a cancelled body) stops the sending and calls `onCancel`.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { handle } from '@astral/msw';
import type { components } from '@astral/openapi';
import { example } from './demo-personas.js';

type DraftEvent = components['schemas']['PlanDraftStreamEvent'];
type PlanEvent = components['schemas']['PlanStreamEvent'];

export interface DemoStreamOptions {
  /** Milliseconds between two events (default 300). */
  pause?: number;
  /** Told when the page cancels a stream before its end. */
  onCancel?: (operation: 'streamPlanDraft' | 'streamPlan') => void;
}

/** The draft's events: its lines as chunks (each ending in a newline), between its start and its completion. */
export function draftEvents(): DraftEvent[] {
  const draft = example<{ data: components['schemas']['PlanDraft'] }>('generatePlanDraft').data;
  const lines = draft.draft.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return [
    { type: 'draft_started', generator: draft.generator },
    ...lines.map((text): DraftEvent => ({ type: 'draft_chunk', text })),
    { type: 'draft_completed', data: draft },
  ];
}

/** The plan's events: its start, each week, the whole plan. */
export function planEvents(): PlanEvent[] {
  const plan = example<{ data: components['schemas']['GeneratedPlan'] }>('generatePlan').data;
  return [
    { type: 'plan_started', generator: plan.generator, duration_in_weeks: plan.weeks.length },
    ...plan.weeks.map((week): PlanEvent => ({ type: 'plan_week', week })),
    { type: 'plan_completed', data: plan },
  ];
}

/**
 * Server-Sent Events, one every `pause` ms, as the API writes them (`event`, `id`, `data`),
 * until the last or until the page lets go: its request aborted or the body cancelled.
 */
function eventStream(request: Request, events: ReadonlyArray<{ type: string }>, pause: number, onCancel: () => void): Response {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    onCancel();
  };
  request.signal.addEventListener('abort', stop);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      const send = (id: number) => {
        if (stopped) return;
        if (id === events.length) {
          stopped = true;
          return controller.close();
        }
        const event = events[id]!;
        controller.enqueue(encoder.encode(`event: ${event.type}\nid: ${id}\ndata: ${JSON.stringify(event)}\n\n`));
        timer = setTimeout(() => send(id + 1), pause);
      };
      send(0);
    },
    cancel: stop,
  });
  return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } });
}

export function demoStreamHandlers(options: DemoStreamOptions = {}): HttpHandler[] {
  const pause = options.pause ?? 300;
  return [
    handle('streamPlanDraft', ({ request, response }) =>
      response.untyped(eventStream(request, draftEvents(), pause, () => options.onCancel?.('streamPlanDraft'))),
    ),
    handle('streamPlan', ({ request, response }) =>
      response.untyped(eventStream(request, planEvents(), pause, () => options.onCancel?.('streamPlan'))),
    ),
  ];
}
