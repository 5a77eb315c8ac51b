// @vitest-environment happy-dom
// Distances and paces in the signed-in user's units (their profile's
// `preferences.unit_system`): the arithmetic, and the activity list, an activity and a plan
// shown in miles, yards and minutes per mile for a user whose profile says `imperial`, in
// kilometres and metres for the examples' metric user.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
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
});
