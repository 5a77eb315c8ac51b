// @vitest-environment happy-dom
// The training-plan screens on @astral/msw: the library's filters in the request and the
// URL with cursor paging and the empty state, a plan's weeks as seven days with nested
// interval blocks, the head coach assigning it (the body sent, the API's 400 at its field),
// and an athlete's schedule with a done workout linking to its activity and the calendar
// feed. (The AI coach's streamed generation: plan-generate.test.tsx.)
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { handle, respondWithExample } from '@astral/msw/node';
import type { components } from '@astral/openapi';
import { example, personaHandlers } from '../src/demo-personas.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

type TrainingPlan = components['schemas']['TrainingPlan'];

const server = answerWithMsw();

const libraryPlan = (): TrainingPlan => example<{ data: TrainingPlan[] }>('listTrainingPlans').data[0]!;

describe('the plan library', () => {
  it('is in the navigation, filters by type, level, visibility and a search in the request and the URL, and pages with the cursor', async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      handle('listTrainingPlans', ({ request, response }) => {
        const query = new URL(request.url).searchParams;
        seen.push(query);
        const second = query.get('cursor') === 'page2';
        const row = {
          ...libraryPlan(),
          training_plan_id: second ? 'plan_second' : 'plan_first',
          training_plan_name: second ? 'Second plan' : 'First plan',
        };
        return response(200).json({ status: 'ok', data: [row], metadata: { total: 2, next_cursor: second ? null : 'page2' } });
      }),
    );
    renderApp('/races', { session: signedIn });
    fireEvent.click(await screen.findByRole('link', { name: 'Plans' }));
    await screen.findByRole('link', { name: 'First plan' });
    expect(screen.getByRole('heading', { name: 'Training plans', level: 1 })).toBeTruthy();
    expect(seen.at(-1)!.get('summary')).toBe('true');
    // The athlete's own instances are listed above the library.
    const assigned = screen.getByRole('table', { name: 'assigned plans' });
    expect(within(assigned).getByRole('link', { name: 'Spring marathon build' }).getAttribute('href')).toBe(
      '/plans/instances/pli_leospring',
    );

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'marathon' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'run' } });
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'intermediate' } });
    fireEvent.change(screen.getByLabelText('Visibility'), { target: { value: 'system' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(seen.at(-1)?.get('search')).toBe('marathon'));
    const sent = seen.at(-1)!;
    expect([sent.get('training_plan_type'), sent.get('level'), sent.get('visibility')]).toEqual(['run', 'intermediate', 'system']);
    expect(window.location.search).toBe('?training_plan_type=run&level=intermediate&visibility=system&search=marathon');

    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Second plan' });
    expect(seen.at(-1)!.get('cursor')).toBe('page2');
    expect(seen.at(-1)!.get('level')).toBe('intermediate');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('reads the filters back from a shared link, and says so when nothing matches', async () => {
    server.use(respondWithExample('listTrainingPlans', 200, { example: 'emptyResult' }));
    renderApp('/plans?level=advanced&visibility=bogus', { session: signedIn });
    await screen.findByText('No plans yet.');
    expect(screen.getByLabelText<HTMLSelectElement>('Level').value).toBe('advanced');
    expect(screen.getByLabelText<HTMLSelectElement>('Visibility').value).toBe('');
  });
});

describe('a plan', () => {
  it('shows each week as seven days, rest days, and interval blocks nested in their repeat', async () => {
    renderApp('/plans/plan_marathon16', { session: signedIn });
    await screen.findByRole('heading', { name: 'Spring marathon build', level: 1 });
    const week1 = screen.getByRole('region', { name: 'Week 1' });
    const days = within(week1)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(days).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    const wednesday = within(week1).getByRole('heading', { name: 'Wednesday' }).closest('li')!;
    expect(wednesday.textContent).toContain('Rest');
    const thursday = within(week1).getByRole('heading', { name: 'Thursday' }).closest('li')!;
    expect(thursday.textContent).toContain('Ladder intervals');
    const outer = within(thursday).getByText('Repeat 2 ×').closest('li')!;
    const inner = within(outer).getByText('Repeat 3 ×').closest('li')!;
    expect(within(inner).getByText('Run 400 m at z5')).toBeTruthy();
    expect(within(inner).getByText('Recovery 1:30 at z1')).toBeTruthy();
    // The 4-minute recovery belongs to the outer repeat, not the inner one.
    expect(within(outer).getByText('Recovery 4:00 at z1')).toBeTruthy();
    expect(within(inner).queryByText('Recovery 4:00 at z1')).toBeNull();
    expect(within(thursday).getByText('Warm-up 15:00 at z1')).toBeTruthy();
    // An athlete's column may not assign.
    expect(screen.queryByRole('form', { name: 'assign the plan' })).toBeNull();
  });

  it('lets the head coach assign it to an athlete of the roster from a Monday, and shows the API 400 at its field', async () => {
    const bodies: unknown[] = [];
    let refuse = true;
    server.use(
      ...personaHandlers('head_coach'),
      handle('assignTrainingPlan', async ({ request, response }) => {
        bodies.push(await request.clone().json());
        if (refuse) {
          refuse = false;
          return response(400).json({
            error: 'start_date must be a Monday',
            details: { code: 'VALIDATION_ERROR', field: 'start_date' },
          });
        }
        return undefined;
      }),
    );
    renderApp('/plans/plan_marathon16', { session: signedIn });
    const form = await screen.findByRole('form', { name: 'assign the plan' });
    await within(form).findByRole('option', { name: 'Leo Moreau' });
    fireEvent.change(within(form).getByLabelText('Athlete'), { target: { value: 'usr_athlete2' } });
    fireEvent.change(within(form).getByLabelText('Starts on (a Monday)'), { target: { value: '2026-03-24' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Assign' }));
    await within(form).findByText('start_date must be a Monday');
    expect(within(form).getByLabelText('Starts on (a Monday)').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(within(form).getByLabelText('Starts on (a Monday)'), { target: { value: '2026-03-23' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Assign' }));
    const open = await screen.findByRole('link', { name: 'open the schedule' });
    expect(open.getAttribute('href')).toMatch(/^\/plans\/instances\/pli_/);
    expect(bodies).toEqual([
      { athlete_ids: ['usr_athlete2'], start_date: '2026-03-24' },
      { athlete_ids: ['usr_athlete2'], start_date: '2026-03-23' },
    ]);
  });
});

describe('an assigned plan', () => {
  it('lists the workouts by date week by week, links a done one to its activity, and gives the calendar feed', async () => {
    renderApp('/plans/instances/pli_leospring', { session: signedIn });
    await screen.findByRole('heading', { name: 'Spring marathon build', level: 1 });
    expect(screen.getByRole('heading', { name: 'Week 1 (this week)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Week 2' })).toBeTruthy();
    const done = screen.getByText('Tue, 24 Mar 2026').closest('li')!;
    expect(done.textContent).toContain('Easy run');
    expect(within(done).getByRole('link', { name: 'the activity' }).getAttribute('href')).toBe('/activities/act_leoeasy0324');
    const ladder = screen.getByText('Thu, 26 Mar 2026').closest('li')!;
    expect(within(ladder).queryByRole('link')).toBeNull();
    expect(ladder.textContent).toContain('Repeat 2 × [Repeat 3 × [Run 400 m at z5, Recovery 1:30 at z1], Recovery 4:00 at z1]');
    const feed = screen.getByRole('region', { name: 'Calendar feed' });
    expect(feed.textContent).toContain('/api/v1/training/plan-instances/pli_leospring/calendar.ics');
  });
});
