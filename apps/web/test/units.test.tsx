// @vitest-environment happy-dom
// Distances and paces in the signed-in user's units (their profile's
// `preferences.unit_system`): the arithmetic, and the activity list, an activity and a plan
// shown in miles, yards and minutes per mile for a user whose profile says `imperial`, in
// kilometres and metres for the examples' metric user; an activity logged and edited in them.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { handle } from '@astral/msw/node';
import type { components } from '@astral/openapi';
import { example } from '../src/demo-personas.js';
import { longDistance, pace, planDistance } from '../src/units.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

const server = answerWithMsw();

/** The examples' user, with their profile's unit system set to `imperial`. */
function imperialUser() {
  server.use(
    handle('getUser', ({ response }) => {
      const user = example<{ data: components['schemas']['User'] }>('getUser').data;
      return response(200).json({ status: 'ok', data: { ...user, preferences: { ...user.preferences, unit_system: 'imperial' } } });
    }),
  );
}

/** The contract's example activity (a tempo run). */
const exampleActivity = () => example<{ data: components['schemas']['Activity'] }>('getActivity').data;

describe('units', () => {
  it('converts meters and seconds per kilometre to either system', () => {
    expect(longDistance(8046.72, 'imperial')).toBe('5.00 mi');
    expect(longDistance(8042.5, 'metric')).toBe('8.04 km');
    expect(planDistance(400, 'imperial')).toBe('437 yd');
    expect(planDistance(5000, 'imperial')).toBe('3.11 mi');
    expect(planDistance(400, 'metric')).toBe('400 m');
    expect(planDistance(5000, 'metric')).toBe('5 km');
    // 5:30 a kilometre is 8:51 a mile.
    expect(pace(330, 'imperial')).toBe('8:51 /mi');
    expect(pace(330, 'metric')).toBe('5:30 /km');
  });

  it("shows the activity list in the profile's imperial units", async () => {
    imperialUser();
    renderApp('/activities', { session: signedIn });
    const table = await screen.findByRole('table', { name: 'activities' });
    const cells = within(table)
      .getAllByRole('cell')
      .map((cell) => cell.textContent ?? '');
    expect(cells.some((text) => / mi$/.test(text))).toBe(true);
    expect(cells.some((text) => / \/mi$/.test(text))).toBe(true);
    expect(cells.some((text) => / km$| \/km$/.test(text))).toBe(false);
  });

  it("shows a plan's blocks in yards and miles for an imperial profile, in metres for a metric one", async () => {
    imperialUser();
    const { unmount } = renderApp('/plans/plan_marathon16', { session: signedIn });
    expect(await screen.findByText('Run 437 yd at z5')).toBeTruthy();
    expect(screen.queryByText('Run 400 m at z5')).toBeNull();
    unmount();
    server.resetHandlers();
    renderApp('/plans/plan_marathon16', { session: signedIn });
    expect(await screen.findByText('Run 400 m at z5')).toBeTruthy();
  });

  it('logs an activity in miles and feet for an imperial profile, sent in meters', async () => {
    imperialUser();
    let body: Record<string, unknown> | undefined;
    server.use(
      handle('createActivity', async ({ request, response }) => {
        body = await request.json();
        const created = exampleActivity();
        return response(201).json({
          status: 'ok',
          activity_id: created.activity_id,
          message: 'Activity created successfully',
          data: created,
        });
      }),
    );
    renderApp('/activities/new', { session: signedIn });
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Five miles' } });
    fireEvent.change(screen.getByLabelText('Duration (minutes)'), { target: { value: '45' } });
    fireEvent.change(await screen.findByLabelText('Distance (mi)'), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('Elevation gain (ft)'), { target: { value: '100' } });
    expect(screen.queryByLabelText('Distance (km)')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Log activity' }));
    await waitFor(() => expect(body).toBeDefined());
    expect(body).toMatchObject({ distance_meters: 8046.7, elevation_gain_meters: 30.5, duration_seconds: 2700 });
  });

  it("edits an activity in the profile's miles, sending back only what changed", async () => {
    imperialUser();
    let body: Record<string, unknown> | undefined;
    server.use(
      handle('updateActivity', async ({ request, response }) => {
        body = await request.json();
        const activity = exampleActivity();
        return response(200).json({ status: 'ok', message: 'Activity updated successfully', data: { ...activity, ...body } });
      }),
    );
    const activity = exampleActivity();
    renderApp(`/activities/${activity.activity_id}/edit`, { session: signedIn });
    const distance = await screen.findByLabelText<HTMLInputElement>('Distance (mi)');
    expect(distance.value).toBe(String(Math.round((activity.distance_meters! / 1609.344) * 100) / 100));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Tempo in miles' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save activity' }));
    await waitFor(() => expect(body).toBeDefined());
    expect(body).toEqual({ title: 'Tempo in miles' });
  });
});
