// @vitest-environment happy-dom
// Pausing, resuming and leaving a plan instance on @astral/msw: the athlete on their own
// schedule and the head coach on an athlete's (the body sent, the status shown after), leaving
// asked twice and final, a 409 for an instance left elsewhere shown as a toast in the API's
// error shape, and no buttons for a viewer the permission matrix does not let change it.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { handle } from '@astral/msw/node';
import type { components } from '@astral/openapi';
import { example, personaHandlers, type Persona } from '../src/demo-personas.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

type Instance = components['schemas']['TrainingPlanInstance'];

const server = answerWithMsw();

/** The example instance (Leo's) kept in memory: the update changes what the next read answers. */
function instanceState(persona: Persona) {
  const state = { instance: example<{ data: Instance }>('getTrainingPlanInstance').data, sent: [] as unknown[] };
  server.use(
    ...personaHandlers(persona),
    handle('getTrainingPlanInstance', ({ response }) => response(200).json({ status: 'ok', data: state.instance })),
    handle('updateTrainingPlanInstance', async ({ request, response }) => {
      const body = (await request.json()) as { status: Instance['status'] };
      state.sent.push(body);
      if (state.instance.status === 'left') {
        return response(409).json({ error: 'This plan instance was left; it cannot change', details: { code: 'CONFLICT' } });
      }
      state.instance = { ...state.instance, status: body.status };
      return response(200).json({ status: 'ok', message: 'Plan instance updated successfully', data: state.instance });
    }),
  );
  return state;
}

describe('the status of an assigned plan', () => {
  it('lets the athlete pause and resume their own', async () => {
    const state = instanceState('member');
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    const status = await screen.findByRole('region', { name: 'Status: active' });
    fireEvent.click(within(status).getByRole('button', { name: 'Pause' }));
    const paused = await screen.findByRole('region', { name: 'Status: paused' });
    expect(within(paused).getByRole('status').textContent).toBe('Plan instance updated successfully: now paused.');
    fireEvent.click(within(paused).getByRole('button', { name: 'Resume' }));
    await screen.findByRole('region', { name: 'Status: active' });
    expect(state.sent).toEqual([{ status: 'paused' }, { status: 'active' }]);
  });

  it("lets the head coach leave an athlete's plan after asking, and then offers nothing more", async () => {
    const state = instanceState('head_coach');
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    const status = await screen.findByRole('region', { name: 'Status: active' });
    fireEvent.click(within(status).getByRole('button', { name: 'Leave the plan' }));
    const ask = within(status).getByRole('group', { name: 'Leave this plan?' });
    expect(ask.textContent).toContain("Leave the athlete's “Spring marathon build” for good?");
    fireEvent.click(within(ask).getByRole('button', { name: 'Stay on it' }));
    expect(state.sent).toEqual([]);
    fireEvent.click(within(status).getByRole('button', { name: 'Leave the plan' }));
    fireEvent.click(within(status).getByRole('button', { name: 'Yes, leave the plan' }));
    const left = await screen.findByRole('region', { name: 'Status: left' });
    expect(within(left).queryByRole('button')).toBeNull();
    expect(state.sent).toEqual([{ status: 'left' }]);
  });

  it('shows the 409 for an instance left in another tab as a toast in the API error shape', async () => {
    const state = instanceState('member');
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    const status = await screen.findByRole('region', { name: 'Status: active' });
    state.instance = { ...state.instance, status: 'left' };
    fireEvent.click(within(status).getByRole('button', { name: 'Pause' }));
    const toast = await screen.findByRole('alert');
    expect(toast.textContent).toContain('This plan instance was left; it cannot change');
    expect(toast.textContent).toContain('409 CONFLICT');
  });

  it('offers no change to a viewer the permission matrix does not let change it', async () => {
    // The default athlete (usr_athlete1, in no organization) reads Leo's instance: `self` reaches only their own.
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    const status = await screen.findByRole('region', { name: 'Status: active' });
    expect(within(status).queryByRole('button')).toBeNull();
  });
});
