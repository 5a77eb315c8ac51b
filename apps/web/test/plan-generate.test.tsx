// @vitest-environment happy-dom
// The AI coach's streamed generation on @astral/msw: the request sent to `streamPlanDraft`,
// the draft arriving line by line and editable once complete, the edited draft sent to
// `streamPlan`, the weeks shown as they arrive and the whole plan saved as it is; Cancel
// aborting the request (the response's stream is cancelled at its source) with the live
// region saying so; a failure mid-stream (the contract's `error` event) as a toast; the live
// region speaking at milestones, not per event; nothing offered to an athlete.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { handle } from '@astral/msw/node';
import { HttpResponse } from 'msw';
import type { components } from '@astral/openapi';
import { example, personaHandlers } from '../src/demo-personas.js';
import { demoStreamHandlers } from '../src/demo-streams.js';
import { milestone } from '../src/pages/plans/stream-call.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

const server = answerWithMsw();

/** Records each streamed request's body by operation, then lets the demo stream answer. */
function recordStreams(sent: Record<string, unknown>) {
  const record =
    (name: string) =>
    async ({ request }: { request: Request }) => {
      sent[name] = await request.clone().json();
      return undefined;
    };
  return [handle('streamPlanDraft', record('draft')), handle('streamPlan', record('plan')), handle('createTrainingPlan', record('create'))];
}

async function openForm() {
  renderApp('/plans', { session: signedIn });
  fireEvent.click(await screen.findByRole('link', { name: 'Generate a plan with the AI coach' }));
  const form = await screen.findByRole('form', { name: 'what to plan for' });
  fireEvent.change(within(form).getByLabelText('Weeks'), { target: { value: '2' } });
  fireEvent.change(within(form).getByLabelText('Level'), { target: { value: 'intermediate' } });
  fireEvent.change(within(form).getByLabelText('First day'), { target: { value: '2026-03-02' } });
  fireEvent.click(within(form).getByLabelText('Thursday'));
  return form;
}

describe("the AI coach's streamed plan generation", () => {
  it('streams the draft, then the edited draft into a plan week by week, and saves it', async () => {
    const sent: Record<string, unknown> = {};
    server.use(...personaHandlers('head_coach'), ...recordStreams(sent), ...demoStreamHandlers({ pause: 5 }));
    const form = await openForm();
    fireEvent.click(within(form).getByRole('button', { name: 'Generate draft' }));
    await screen.findByText('Done: 2 of 2 weeks drafted.');
    expect(sent.draft).toEqual({ weeks: 2, level: 'intermediate', start_date: '2026-03-02', workout_days: ['tuesday', 'saturday'] });
    const draft = screen.getByLabelText<HTMLTextAreaElement>(/^The draft/);
    expect(draft.readOnly).toBe(false);
    expect(draft.value).toMatch(/^Week 1 · base · 12 km$/m);
    expect(screen.getByText(/training principle: Polarized training, 80% easy. \(organization\)/)).toBeTruthy();

    fireEvent.change(draft, { target: { value: 'Week 1 · base · 20 km\nWeek 2 · taper · 15 km\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate the plan' }));
    const generated = example<{ data: components['schemas']['GeneratedPlan'] }>('generatePlan').data;
    await screen.findByText(`Done: ${generated.weeks.length} of ${generated.weeks.length} weeks generated.`);
    // The draft's request, as the API normalised it (its organization), with the edited draft.
    expect(sent.plan).toMatchObject({
      weeks: 2,
      org_id: 'org_alpineclub',
      refined_draft: 'Week 1 · base · 20 km\nWeek 2 · taper · 15 km\n',
    });
    const weeks = screen.getByRole('table', { name: 'generated weeks' });
    expect(within(weeks).getAllByRole('row')).toHaveLength(generated.weeks.length + 1);
    expect(screen.getByRole('heading', { name: generated.name, level: 2 })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save the plan' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Spring marathon build' })).toBeTruthy();
    expect(sent.create).toEqual(generated.training_plan);
  });

  it('cancels a draft while it streams: the request is aborted and the page says it stopped', async () => {
    const cancelled: string[] = [];
    server.use(...personaHandlers('head_coach'), ...demoStreamHandlers({ pause: 400, onCancel: (op) => cancelled.push(op) }));
    const form = await openForm();
    fireEvent.click(within(form).getByRole('button', { name: 'Generate draft' }));
    expect(screen.getByRole('progressbar', { name: 'Generating the draft' })).toBeTruthy();
    await screen.findByText('By rule-based-periodization/1');
    // The draft's first line has arrived, read-only while the rest is coming.
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>(/^The draft/).value).toMatch(/^2-week beginner plan/));
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^The draft/).readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the draft' }));
    const status = await screen.findByText(/^Cancelled: \d of 2 weeks drafted, the generation stopped\.$/);
    expect(status.getAttribute('role')).toBe('status');
    await waitFor(() => expect(cancelled).toEqual(['streamPlanDraft']));
    expect(screen.queryByRole('button', { name: /^Cancel/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Generate the plan' })).toBeNull();
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^The draft/).readOnly).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the contract's error event, sent after the stream began, as a toast", async () => {
    const failing = [
      { type: 'draft_started', generator: 'rule-based-periodization/1' },
      { type: 'error', error: 'Plan generation failed', details: { code: 'INTERNAL_ERROR' } },
    ];
    const body = failing.map((event, id) => `event: ${event.type}\nid: ${id}\ndata: ${JSON.stringify(event)}\n\n`).join('');
    server.use(
      ...personaHandlers('head_coach'),
      handle('streamPlanDraft', ({ response }) =>
        response.untyped(new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } })),
      ),
    );
    const form = await openForm();
    fireEvent.click(within(form).getByRole('button', { name: 'Generate draft' }));
    const toast = await screen.findByRole('alert');
    expect(toast.textContent).toContain('Plan generation failed');
    expect(toast.textContent).toContain('INTERNAL_ERROR');
  });

  it('speaks at the start, each quarter and the end, not at every event', () => {
    const said = new Set(Array.from({ length: 13 }, (_, done) => milestone(done, 12, 'generated')));
    expect([...said]).toEqual([
      '0 of 12 weeks generated',
      '3 of 12 weeks generated',
      '6 of 12 weeks generated',
      '9 of 12 weeks generated',
      '12 of 12 weeks generated',
    ]);
  });

  it('is not offered to an athlete', async () => {
    renderApp('/plans', { session: signedIn });
    await screen.findByRole('heading', { name: 'Plan library' });
    expect(screen.queryByRole('link', { name: 'Generate a plan with the AI coach' })).toBeNull();
  });
});
