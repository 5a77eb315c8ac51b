// @vitest-environment happy-dom
// "Subscribe in your calendar" on a plan instance, on @astral/msw with the caller's feed kept
// in memory: no feed (the contract's 404) offers to make one with no toast; the URL made is
// shown once (read-only input, copy, the webcal:// link, the warning) and then only when it
// was made and read; a new link and stopping sharing are asked first (keeping the old answers
// nothing); a 500 on making one is a toast in the API's error shape; a viewer the matrix does
// not allow sees no panel.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { handle } from '@astral/msw/node';
import type { components } from '@astral/openapi';
import { personaHandlers } from '../src/demo-personas.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

type Feed = components['schemas']['CalendarFeed'];

const server = answerWithMsw();
const panelName = 'Subscribe in your calendar';
const url = (n: number) =>
  `https://app.example/api/v1/training/plan-instances/pli_leospring/calendar.ics?feed_token=astral_cf_${'k'.repeat(40)}${n}`;

/** Leo's feed of his instance, in memory: what each call changes, and every call made. */
function feedState(initial: Feed | null = null) {
  const state = { feed: initial, made: 0, calls: [] as string[] };
  server.use(
    ...personaHandlers('member'),
    handle('getTrainingPlanInstanceCalendarFeed', ({ response }) => {
      state.calls.push('get');
      if (!state.feed) return response(404).json({ error: 'No calendar feed', details: { code: 'NOT_FOUND' } });
      return response(200).json({ status: 'ok', data: state.feed });
    }),
    handle('createTrainingPlanInstanceCalendarFeed', ({ response }) => {
      state.calls.push('create');
      const created_at = `2026-03-2${++state.made}T09:00:00Z`;
      state.feed = { plan_instance_id: 'pli_leospring', created_at, last_used_at: null };
      const made = url(state.made);
      return response(201).json({
        status: 'ok',
        data: { plan_instance_id: 'pli_leospring', url: made, webcal_url: made.replace('https:', 'webcal:'), created_at },
      });
    }),
    handle('revokeTrainingPlanInstanceCalendarFeed', ({ response }) => {
      state.calls.push('revoke');
      state.feed = null;
      return response(204).empty();
    }),
  );
  return state;
}

describe('subscribing to a plan instance in a calendar app', () => {
  it('makes a link when there is none and shows it once, with a copy button and the webcal:// link', async () => {
    const state = feedState();
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    const panel = await screen.findByRole('region', { name: panelName });
    fireEvent.click(await within(panel).findByRole('button', { name: 'Make a calendar link' }));
    const shown = await within(panel).findByRole('article', { name: 'Calendar link' });
    const input = within(shown).getByRole<HTMLInputElement>('textbox', { name: 'Calendar link' });
    expect(input.value).toBe(url(1));
    expect(input.readOnly).toBe(true);
    expect(within(shown).getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(within(shown).getByRole('link', { name: 'Open in calendar app' }).getAttribute('href')).toBe(
      url(1).replace('https:', 'webcal:'),
    );
    expect(shown.textContent).toContain('It will not be shown again. Anyone with this link can see this schedule');
    expect(panel.textContent).toContain('no calendar has read it yet');
    expect(within(panel).queryByRole('button', { name: 'Make a calendar link' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(state.calls).toEqual(['get', 'create']);
  });

  it('shows when an existing link was made and read, replaces it after asking, and stops sharing after asking', async () => {
    const state = feedState({
      plan_instance_id: 'pli_leospring',
      created_at: '2026-03-20T09:00:00Z',
      last_used_at: '2026-03-21T06:12:00Z',
    });
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    const panel = await screen.findByRole('region', { name: panelName });
    await within(panel).findByText(/a calendar last read it/);
    expect(panel.textContent).toContain(new Date('2026-03-21T06:12:00Z').toLocaleString());
    expect(within(panel).queryByRole('article', { name: 'Calendar link' })).toBeNull();

    fireEvent.click(within(panel).getByRole('button', { name: 'New link' }));
    const replace = within(panel).getByRole('group', { name: 'Replace the calendar link?' });
    expect(replace.textContent).toContain('the old link stops working at once');
    fireEvent.click(within(replace).getByRole('button', { name: 'Keep the old link' }));
    expect(state.calls).toEqual(['get']);
    fireEvent.click(within(panel).getByRole('button', { name: 'New link' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Yes, make a new link' }));
    const shown = await within(panel).findByRole('article', { name: 'Calendar link' });
    expect(within(shown).getByRole<HTMLInputElement>('textbox').value).toBe(url(1));

    fireEvent.click(within(panel).getByRole('button', { name: 'Stop sharing' }));
    const stop = within(panel).getByRole('group', { name: 'Stop sharing the calendar?' });
    fireEvent.click(within(stop).getByRole('button', { name: 'Keep sharing' }));
    expect(state.calls).toEqual(['get', 'create']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Stop sharing' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Revoke the calendar link' }));
    await within(panel).findByText('Sharing stopped: the link no longer works.');
    expect(within(panel).queryByRole('article', { name: 'Calendar link' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Make a calendar link' })).toBeTruthy();
    expect(state.calls).toEqual(['get', 'create', 'revoke']);
  });

  it('shows a failure to make the link as a toast in the API error shape', async () => {
    feedState();
    server.use(
      handle('createTrainingPlanInstanceCalendarFeed', ({ response }) =>
        response(500).json({ error: 'The feed could not be made', details: { code: 'INTERNAL_ERROR' } }),
      ),
    );
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    const panel = await screen.findByRole('region', { name: panelName });
    fireEvent.click(await within(panel).findByRole('button', { name: 'Make a calendar link' }));
    const toast = await screen.findByRole('alert');
    expect(toast.textContent).toContain('The feed could not be made');
    expect(toast.textContent).toContain('500 INTERNAL_ERROR');
    expect(within(panel).queryByRole('article', { name: 'Calendar link' })).toBeNull();
  });

  it('is not offered to a viewer the permission matrix does not let read the feed', async () => {
    // The default athlete (usr_athlete1, in no organization) reads Leo's instance: `self` reaches only their own.
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    await screen.findByRole('region', { name: 'Status: active' });
    expect(screen.queryByRole('region', { name: panelName })).toBeNull();
  });
});
