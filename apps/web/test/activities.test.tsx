// @vitest-environment happy-dom
// The activity screens on @astral/msw: the list's filters in the request and the URL with
// cursor paging, an activity's metrics, summary, route and charts from the contract's
// examples, a stream the athlete does not share, logging and editing with the API's 400 at
// its field, deleting, and a coach reaching an athlete's activities from the member page.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { handle, respondWithExample } from '@astral/msw/node';
import type { components } from '@astral/openapi';
import { example, personaHandlers } from '../src/demo-personas.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

type Activity = components['schemas']['Activity'];

const server = answerWithMsw();

/** The contract's example activity (a tempo run with a route and a summary). */
const tempoRun = (): Activity => example<{ data: Activity }>('getActivity').data;

describe('the activity list', () => {
  it('filters by type, status and dates in the request and the URL, and pages with the cursor', async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      handle('listActivities', ({ request, response }) => {
        const query = new URL(request.url).searchParams;
        seen.push(query);
        const second = query.get('cursor') === 'page2';
        const row = { ...tempoRun(), activity_id: second ? 'act_long0309' : 'act_tempo0302', title: second ? 'Long run' : 'Tempo run' };
        return response(200).json({ status: 'ok', data: [row], metadata: { total: 2, next_cursor: second ? null : 'page2' } });
      }),
    );
    renderApp('/activities', { session: signedIn });
    await screen.findByRole('link', { name: 'Tempo run' });
    expect(screen.getByRole('heading', { name: 'Your activities' })).toBeTruthy();
    const row = screen.getByRole('link', { name: 'Tempo run' }).closest('tr')!;
    expect(row.textContent).toContain('8.04 km');
    expect(row.textContent).toContain('5:30 /km');

    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'run' } });
    fireEvent.click(screen.getByLabelText('completed'));
    fireEvent.click(screen.getByLabelText('skipped'));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-03-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-03-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(seen.at(-1)?.get('activity_type')).toBe('run'));
    const sent = seen.at(-1)!;
    expect(sent.getAll('status')).toEqual(['completed', 'skipped']);
    expect(sent.get('start_date')).toBe('2025-03-01T00:00:00Z');
    expect(sent.get('end_date')).toBe('2025-03-31T23:59:59Z');
    expect(window.location.search).toBe('?activity_type=run&status=completed&status=skipped&start_date=2025-03-01&end_date=2025-03-31');

    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Long run' });
    expect(seen.at(-1)!.get('cursor')).toBe('page2');
    expect(seen.at(-1)!.getAll('status')).toEqual(['completed', 'skipped']);
    expect(screen.getByRole('link', { name: 'Tempo run' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('reads the filters back from a shared link, and says so when nothing matches', async () => {
    server.use(respondWithExample('listActivities', 200, { example: 'emptyResult' }));
    renderApp('/activities?activity_type=swim&status=cancelled', { session: signedIn });
    expect(screen.getByRole('paragraph', { busy: true }).textContent).toMatch(/Loading/);
    await screen.findByText('No activities yet.');
    expect(screen.getByLabelText<HTMLSelectElement>('Type').value).toBe('swim');
    expect(screen.getByLabelText<HTMLInputElement>('cancelled').checked).toBe(true);
  });
});

describe('an activity', () => {
  it('shows the metrics, the summary, the route drawn from the polyline, and the pace, heart-rate and elevation charts', async () => {
    renderApp('/activities/act_tempo0302', { session: signedIn });
    await screen.findByRole('heading', { name: 'Tempo run by the river', level: 1 });
    const metric = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(metric('Distance')).toBe('8.04 km');
    expect(metric('Moving time')).toBe('44:15');
    expect(metric('Average pace')).toBe('5:30 /km');
    expect(metric('Average heart rate')).toBe('152 bpm');
    expect(screen.getByRole('heading', { name: 'Summary: Steady 8 km at tempo' })).toBeTruthy();

    const route = await screen.findByRole('img', { name: 'Route of Tempo run by the river' });
    // The example polyline's three points: a route, not a loop, from its first point to its last.
    expect(route.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(route.getAttribute('aria-describedby')!)!.textContent).toBe(
      'The route: a 8.04 km route from 38.5000° N, 120.2000° W to 43.2520° N, 126.4530° W, drawn from 3 points.',
    );
    expect(route.querySelector('path')!.getAttribute('d')).toMatch(/^M [\d.]+ [\d.]+( L [\d.]+ [\d.]+){2}$/);

    // The charts' text alternatives, from the example streams (pace [null, 318.4, 352.0]).
    const pace = await screen.findByRole('figure', { name: 'Pace' });
    expect(pace.textContent).toContain('Fastest 5:18 /km, slowest 5:52 /km');
    expect(screen.getByRole('figure', { name: 'Heart rate' }).textContent).toContain('Lowest 98 bpm, highest 158 bpm');
    expect(screen.getByRole('figure', { name: 'Elevation' }).textContent).toContain('Lowest 35 m, highest 62 m');
  });

  it('asks for the chart streams downsampled, and shows a stream the athlete does not share as "not shared", not an error', async () => {
    let asked: URLSearchParams | undefined;
    server.use(
      handle('getActivity', ({ response }) => response(200).json({ status: 'ok', data: { ...tempoRun(), polyline: null } })),
      handle('getActivityStreams', ({ request, response }) => {
        asked = new URL(request.url).searchParams;
        const hidden = example<{ data: components['schemas']['ActivityStreams'] }>('getActivityStreams', 'coachWithoutMap').data;
        return response(200).json({ status: 'ok', data: { ...hidden, withheld: ['latlng', 'pace'] } });
      }),
    );
    renderApp('/activities/act_tempo0302', { session: signedIn });
    const notShared = await screen.findAllByRole('note');
    expect(notShared.map((note) => note.textContent)).toEqual([
      'Not shared. The athlete does not share the map of their activities.',
      'Not shared. The athlete does not share their pace data.',
    ]);
    expect(asked!.get('points')).toBe('400');
    expect(asked!.getAll('types')).toEqual(['time', 'distance', 'latlng', 'pace', 'heartrate', 'altitude']);
    expect(screen.queryByRole('img', { name: /Route/ })).toBeNull();
    expect(screen.getByRole('figure', { name: 'Heart rate' }).textContent).toContain('Lowest 98 bpm, highest 149 bpm');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('deletes after asking, and goes back to the list', async () => {
    let deleted: string | undefined;
    server.use(
      handle('deleteActivity', ({ params, response }) => {
        deleted = String(params.activity_id);
        return response(200).json({ status: 'ok', message: 'Activity deleted successfully' });
      }),
    );
    renderApp('/activities/act_tempo0302', { session: signedIn });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete activity' }));
    const confirm = screen.getByRole('group', { name: 'Delete this activity?' });
    expect(deleted).toBeUndefined();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(window.location.pathname).toBe('/activities'));
    expect(deleted).toBe('act_tempo0302');
  });
});

describe('logging and editing', () => {
  it('logs an activity by hand and opens it', async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      handle('createActivity', async ({ request, response }) => {
        body = await request.json();
        return response(201).json({
          status: 'ok',
          activity_id: 'act_tempo0302',
          message: 'Activity created successfully',
          data: tempoRun(),
        });
      }),
    );
    renderApp('/activities/new', { session: signedIn });
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Tempo run by the river' } });
    fireEvent.change(screen.getByLabelText('Start'), { target: { value: '2025-03-02T08:15' } });
    fireEvent.change(screen.getByLabelText('Duration (minutes)'), { target: { value: '45.5' } });
    fireEvent.change(screen.getByLabelText('Distance (km)'), { target: { value: '8.04' } });
    fireEvent.change(screen.getByLabelText('Average heart rate (bpm)'), { target: { value: '152' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log activity' }));
    await waitFor(() => expect(window.location.pathname).toBe('/activities/act_tempo0302'));
    expect(body).toMatchObject({
      title: 'Tempo run by the river',
      activity_type: 'run',
      status: 'completed',
      start_time: new Date('2025-03-02T08:15').toISOString(),
      duration_seconds: 2730,
      distance_meters: 8040,
      average_heart_rate: 152,
      moving_time_seconds: null,
      description: null,
    });
    expect(body).not.toHaveProperty('user_id');
  });

  it("shows the API's 400 at the field it names (a duration over 24 hours), with no toast", async () => {
    renderApp('/activities/new', { session: signedIn });
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Ultra' } });
    fireEvent.change(screen.getByLabelText('Duration (minutes)'), { target: { value: '2000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log activity' }));
    const duration = screen.getByLabelText('Duration (minutes)');
    await waitFor(() => expect(duration.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(duration.getAttribute('aria-describedby')!)!.textContent).toMatch(/86400/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(window.location.pathname).toBe('/activities/new');
  });

  it('edits an activity with a partial update of the fields changed', async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      handle('updateActivity', async ({ request, response }) => {
        body = await request.json();
        return response(200).json({ status: 'ok', message: 'Activity updated successfully', data: { ...tempoRun(), ...body } });
      }),
    );
    renderApp('/activities/act_tempo0302/edit', { session: signedIn });
    const title = await screen.findByLabelText<HTMLInputElement>('Title');
    expect(title.value).toBe('Tempo run by the river');
    expect(screen.getByLabelText<HTMLInputElement>('Distance (km)').value).toBe('8.04');
    fireEvent.change(title, { target: { value: 'Tempo by the Seine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save activity' }));
    await screen.findByRole('heading', { name: 'Tempo by the Seine', level: 1 });
    expect(window.location.pathname).toBe('/activities/act_tempo0302');
    // The distance shown as 8.04 km is not sent back rounded: only the title changed.
    expect(body).toEqual({ title: 'Tempo by the Seine' });
  });
});

describe("a coach and an athlete's activities", () => {
  it("the head coach opens a member's activities from the member page", async () => {
    const asked: Array<string | null> = [];
    server.use(
      ...personaHandlers('head_coach'),
      handle('listActivities', ({ request, response }) => {
        asked.push(new URL(request.url).searchParams.get('user_id'));
        return response(200).json({
          status: 'ok',
          data: [{ ...tempoRun(), user_id: 'usr_athlete2' }],
          metadata: { total: 1, next_cursor: null },
        });
      }),
    );
    renderApp('/members/usr_athlete2', { session: signedIn });
    fireEvent.click(await screen.findByRole('link', { name: "Leo Moreau's activities" }));
    await screen.findByRole('heading', { name: 'Activities of Leo Moreau' });
    await screen.findByRole('link', { name: 'Tempo run by the river' });
    expect(asked).toEqual(['usr_athlete2']);
    expect(screen.getByRole('link', { name: 'Log an activity' }).getAttribute('href')).toBe('/activities/new?user_id=usr_athlete2');
  });

  it('an athlete reading their own membership gets no activities link there (their own are in the navigation)', async () => {
    server.use(...personaHandlers('member'));
    renderApp('/club', { session: signedIn });
    await screen.findByText('@marathon');
    expect(screen.queryByRole('link', { name: /activities/ })).toBeNull();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Activities' })).toBeTruthy();
  });
});
