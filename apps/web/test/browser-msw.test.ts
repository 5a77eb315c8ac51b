// @astral/msw in a real browser: the built app with ASTRAL_WEB_API_URL=msw in Debian's
// Chromium, no API server at all. MSW's service worker (served by the app's own server)
// answers with the contract's examples, and the contract's validation runs in the page.
// The same screens as against the sandbox, as the athlete (races, profile, an activity with
// its route and charts, the training plans) and as the example club's head coach (the persona picked in the
// page's banner: the coach pages, the AI coach's streams cancelled and whole, the plan
// editor), each passing axe-core.
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebPreview } from '../src/preview.mjs';
import { checkPage, desktop } from './browser-checks.js';

let web: { url: string; close: () => Promise<void> };
let browser: OpenChromium;
let page: Page;
/** Requests that reached the app's server under /api: none should, the worker answers them. */
const reachedServer: string[] = [];

beforeAll(async () => {
  web = await startWebPreview({ apiUrl: 'msw', port: 0 });
  browser = await openChromium({ viewport: desktop });
  ({ page } = browser);
  // Service-worker answers never reach the network; a request that does is recorded.
  page.on('requestfinished', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/') && !request.serviceWorker() && request.failure() === null) {
      void request.response().then((response) => {
        if (response && !response.fromServiceWorker()) reachedServer.push(request.url());
      });
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the web app on @astral/msw in Chromium (setupWorker)', { timeout: 120_000 }, () => {
  it('logs in and lists races from the contract examples, answered by the service worker', async () => {
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/mockServiceWorker\.js$/);
    await page.getByLabel('Email').fill('maya@example.com');
    await page.getByLabel('Password').fill('Tempo-Run-2025');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Chicago Marathon' }).waitFor();
    await page.getByRole('link', { name: 'Chicago Marathon' }).click();
    await page.getByRole('heading', { name: 'Chicago Marathon' }).waitFor();
    await checkPage(page, "a race's page (msw)");
  });

  it("refuses bad input in the API's error shape, validated against the contract in the page, shown at the field", async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Maya Okafor' }).waitFor();
    await page.getByLabel('Display name').fill('M'.repeat(80));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    expect(await page.getByLabel('Display name').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'the profile with a field error (msw)');
    await page.getByLabel('Display name').fill('Maya O.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').waitFor();
  });

  it("opens the athlete's activities and the example run, with its route drawn and its charts", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activities' }).click();
    await page.getByRole('link', { name: 'Tempo run by the river' }).click();
    await page.getByRole('heading', { name: 'Summary: Steady 8 km at tempo' }).waitFor();
    await page.getByRole('img', { name: 'Route of Tempo run by the river' }).waitFor();
    for (const chart of ['Pace', 'Heart rate', 'Elevation'])
      await page.getByRole('figure', { name: chart }).locator('canvas').first().waitFor();
    await checkPage(page, "an activity's page (msw)");
  });

  it('opens the plan library, a plan with its nested intervals, and the assigned plan with a done workout', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('table', { name: 'training plans' }).getByRole('link', { name: 'First 5K' }).waitFor();
    await checkPage(page, 'the plan library (msw)');
    await page.getByRole('table', { name: 'training plans' }).getByRole('link', { name: 'Spring marathon build' }).click();
    await page.getByText('Repeat 3 ×').waitFor();
    await checkPage(page, "a plan's page (msw)");
    await page.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('table', { name: 'assigned plans' }).getByRole('link', { name: 'Spring marathon build' }).click();
    await page.getByRole('heading', { name: 'Week 1 (this week)' }).waitFor();
    expect(await page.getByRole('link', { name: 'the activity' }).first().getAttribute('href')).toBe('/activities/act_leoeasy0324');
    await checkPage(page, 'a plan schedule (msw)');
  });

  it("as the example club's head coach: the roster, a member's coach-only notes, invitations, API keys, the audit log", async () => {
    await page.getByLabel('signed in as').selectOption('head_coach');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Roster' }).click();
    await page.getByRole('link', { name: 'Leo Moreau' }).click();
    await page.getByRole('heading', { name: 'Coach-only' }).waitFor();
    await checkPage(page, "a member's page (msw)");

    await nav.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    expect(await page.getByRole('article', { name: 'Invitation link' }).locator('code').textContent()).toMatch(/\/join\?token=astral_it_/);
    await checkPage(page, 'the invitations with a new link (msw)');

    await nav.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('Club dashboard');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('article', { name: 'API key secret' }).waitFor();

    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'coach assigned' }).waitFor();
    await checkPage(page, 'the audit log (msw)');
    expect(reachedServer).toEqual([]);
  });

  it("as the head coach: the AI coach's streams, cancelled and then whole, and the plan editor", async () => {
    const aborted: string[] = [];
    page.on('requestfailed', (request) => {
      if (request.url().endsWith('/ai-coach/generate-draft/stream')) aborted.push(request.failure()?.errorText ?? '');
    });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('link', { name: 'Generate a plan with the AI coach' }).click();
    await page.getByRole('button', { name: 'Generate draft' }).click();
    await page.getByRole('button', { name: 'Cancel the draft' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Cancelled: / })
      .waitFor();
    await expect.poll(() => aborted).toEqual(['net::ERR_ABORTED']);

    await page.getByRole('button', { name: 'Generate draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Done: 2 of 2 weeks drafted.' }).waitFor();
    await page.getByRole('button', { name: 'Generate the plan' }).click();
    await page.getByRole('button', { name: 'Save the plan' }).waitFor();
    await checkPage(page, 'a plan generated through the streams (msw)');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spring marathon build' }).waitFor();

    await nav.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('link', { name: 'Build a plan by hand' }).click();
    await page.getByRole('button', { name: 'Add a workout on Week 1 Tuesday' }).click();
    await page.getByRole('group', { name: 'Week 1 Tuesday block 1', exact: true }).getByLabel('Kind').selectOption('interval');
    await page.getByRole('group', { name: 'Week 1 Tuesday block 1.1', exact: true }).waitFor();
    await checkPage(page, 'the plan editor (msw)');
    expect(reachedServer).toEqual([]);
  });
});
