// The training-plan screens added after the first plan pages, end to end in Debian's Chromium
// against the sandbox (both started here on free ports, no mail needed): the seeded athlete
// pauses and resumes her plan, makes a calendar link (read with no headers: `text/calendar`)
// and stops sharing it (the same URL then a 401); the head coach assigns the club's plan to Leo, leaves it for
// him after confirming, and a second, stale tab gets the API's 409 as a toast; the head
// coach generates a plan through the AI coach's streams (the responses are
// `text/event-stream`) and saves it; and builds a plan by hand (nested to the contract's
// depth, a 400 on a nested block at its input), edits and deletes it. Every page passes
// axe-core; the main ones are saved as screenshots at desktop and phone width.
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@astral/mock';
import { startWebPreview } from '../src/preview.mjs';
import { checkPage, desktop } from './browser-checks.js';

/** The seeded head coach's and athlete's development tokens (apps/api/src/seed/identities.ts), as the app keeps a session. */
const sessions = {
  coach: { access_token: 'dev-coach-token', expires_at: '2099-01-01T00:00:00Z' },
  maya: { access_token: 'dev-athlete-token', expires_at: '2099-01-01T00:00:00Z' },
};

let sandbox: { url: string; close: () => Promise<void> };
let web: { url: string; close: () => Promise<void> };
let browser: OpenChromium;
let coach: Page;
let maya: Page;

async function signedInPage(session: (typeof sessions)[keyof typeof sessions]): Promise<Page> {
  const context = await browser.browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await page.goto(web.url);
  await page.evaluate((kept) => localStorage.setItem('astral-session', JSON.stringify(kept)), session);
  return page;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: () => undefined });
  web = await startWebPreview({ apiUrl: sandbox.url, port: 0 });
  browser = await openChromium({ viewport: desktop });
  coach = await signedInPage(sessions.coach);
  maya = await signedInPage(sessions.maya);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await sandbox?.close();
});

describe('training plans against the sandbox, in Chromium', { timeout: 180_000 }, () => {
  it('the athlete pauses her plan and resumes it', async () => {
    await maya.goto(`${web.url}plans/instances/pli_mayafirst5k`);
    const status = maya.getByRole('region', { name: 'Status: active' });
    await status.getByRole('button', { name: 'Pause' }).click();
    const paused = maya.getByRole('region', { name: 'Status: paused' });
    await paused.getByRole('status').filter({ hasText: 'now paused' }).waitFor();
    await checkPage(maya, "the athlete's paused plan", 'athlete-plan-instance-paused');
    await paused.getByRole('button', { name: 'Resume' }).click();
    await maya.getByRole('region', { name: 'Status: active' }).getByRole('status').filter({ hasText: 'now active' }).waitFor();
  });

  it('the athlete makes a calendar link that reads the feed with no headers, then stops sharing it: the same URL is a 401', async () => {
    await maya.goto(`${web.url}plans/instances/pli_mayafirst5k`);
    const panel = maya.getByRole('region', { name: 'Subscribe in your calendar' });
    await panel.getByRole('button', { name: 'Make a calendar link' }).click();
    const shown = panel.getByRole('article', { name: 'Calendar link' });
    const url = await shown.getByRole('textbox', { name: 'Calendar link' }).inputValue();
    expect(url).toMatch(/\/training\/plan-instances\/pli_mayafirst5k\/calendar\.ics\?feed_token=astral_cf_/);
    expect(await shown.getByRole('link', { name: 'Open in calendar app' }).getAttribute('href')).toBe(url.replace(/^https?:/, 'webcal:'));
    // What a calendar app does: a plain GET of the URL, no Authorization, no X-API-Key.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    await checkPage(maya, "the athlete's calendar link, shown once", 'athlete-plan-calendar-link');

    await panel.getByRole('button', { name: 'Stop sharing' }).click();
    await panel
      .getByRole('group', { name: 'Stop sharing the calendar?' })
      .getByRole('button', { name: 'Revoke the calendar link' })
      .click();
    await panel.getByRole('status').filter({ hasText: 'Sharing stopped' }).waitFor();
    await panel.getByRole('button', { name: 'Make a calendar link' }).waitFor();
    expect((await fetch(url)).status).toBe(401);
  });

  it("the head coach leaves an athlete's plan after confirming; a stale tab gets the 409 as a toast", async () => {
    await coach.goto(`${web.url}plans`);
    await coach.getByRole('table', { name: 'training plans' }).getByRole('link', { name: 'Alpine Club spring block' }).click();
    const form = coach.getByRole('form', { name: 'assign the plan' });
    await form.getByRole('option', { name: 'Leo Moreau' }).waitFor({ state: 'attached' });
    await form.getByLabel('Athlete').selectOption({ label: 'Leo Moreau' });
    await form.getByRole('button', { name: 'Assign' }).click();
    await coach.getByRole('link', { name: 'open the schedule' }).click();
    await coach.getByRole('region', { name: 'Status: active' }).waitFor();
    // The same schedule in a second tab, which will not know the plan was left.
    const stale = await coach.context().newPage();
    await stale.goto(coach.url());
    await stale.getByRole('region', { name: 'Status: active' }).waitFor();

    const status = coach.getByRole('region', { name: 'Status: active' });
    await status.getByRole('button', { name: 'Leave the plan' }).click();
    const ask = status.getByRole('group', { name: 'Leave this plan?' });
    expect(await ask.textContent()).toContain("Leave the athlete's “Alpine Club spring block” for good?");
    await checkPage(coach, 'leaving a plan, asked first', 'coach-plan-instance-leave');
    await ask.getByRole('button', { name: 'Yes, leave the plan' }).click();
    const left = coach.getByRole('region', { name: 'Status: left' });
    await left.getByRole('status').filter({ hasText: 'now left' }).waitFor();
    expect(await left.getByRole('button').count()).toBe(0);

    await stale.getByRole('button', { name: 'Pause' }).click();
    const toast = stale.getByRole('alert');
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/409 CONFLICT/);
    await checkPage(stale, 'a 409 for a plan that was left');
    await stale.close();
  });

  it('the head coach generates a plan through the streams, edits the draft and saves it', async () => {
    const streamed: string[] = [];
    coach.on('response', (response) => {
      if (/\/ai-coach\/generate-(draft|plan)\/stream$/.test(response.url()))
        streamed.push(`${new URL(response.url()).pathname} ${response.headers()['content-type']?.split(';')[0]}`);
    });
    await coach.goto(`${web.url}plans`);
    await coach.getByRole('link', { name: 'Generate a plan with the AI coach' }).click();
    const form = coach.getByRole('form', { name: 'what to plan for' });
    await form.getByLabel('Weeks').fill('6');
    await form.getByLabel('Level').selectOption('intermediate');
    await form.getByRole('button', { name: 'Generate draft' }).click();
    await coach.getByRole('status').filter({ hasText: 'Done: 6 of 6 weeks drafted.' }).waitFor();
    const draft = coach.getByLabel(/^The draft/);
    const text = await draft.inputValue();
    expect(text.match(/^Week \d+ · /gm)).toHaveLength(6);
    // Week 2's distance changed within the intermediate bounds (20 to 70 km); the plan keeps it.
    const edited = /^Week 2 · \w+ · 25 km$/m.test(text) ? 24 : 25;
    await draft.fill(text.replace(/^(Week 2 · \w+ · )\d+ km$/m, `$1${edited} km`));
    await coach.getByRole('button', { name: 'Generate the plan' }).click();
    await coach.getByRole('status').filter({ hasText: 'Done: 6 of 6 weeks generated.' }).waitFor();
    const weeks = coach.getByRole('table', { name: 'generated weeks' });
    expect(await weeks.locator('tbody tr').count()).toBe(6);
    expect(await weeks.locator('tbody tr').nth(1).locator('td').nth(3).textContent()).toBe(`${edited} km`);
    expect(streamed).toEqual([
      '/api/v1/ai-coach/generate-draft/stream text/event-stream',
      '/api/v1/ai-coach/generate-plan/stream text/event-stream',
    ]);
    await checkPage(coach, 'a plan generated through the streams', 'coach-plan-generate-streamed');
    const name = (await coach.getByRole('heading', { level: 2 }).last().textContent())!;
    await coach.getByRole('button', { name: 'Save the plan' }).click();
    await coach.getByRole('heading', { name, level: 1 }).waitFor();
    await coach.getByRole('region', { name: 'Week 6', exact: true }).waitFor();
  });

  it('the head coach builds a plan by hand, nested to the contract depth; a 400 on a nested block shows at its input; edits and deletes it', async () => {
    await coach.goto(`${web.url}plans`);
    await coach.getByRole('link', { name: 'Build a plan by hand' }).click();
    const form = coach.getByRole('form', { name: 'the plan' });
    await form.getByLabel('Name').fill('Hill repeats by hand');
    await form.getByRole('button', { name: 'Add a workout on Week 1 Tuesday' }).click();
    // Interval in interval down the levels: the deepest level offers no interval and no child.
    await form.getByRole('group', { name: 'Week 1 Tuesday block 1', exact: true }).getByLabel('Kind').first().selectOption('interval');
    await form.getByRole('group', { name: 'Week 1 Tuesday block 1.1', exact: true }).getByLabel('Kind').first().selectOption('interval');
    const deepest = form.getByRole('group', { name: 'Week 1 Tuesday block 1.1.1', exact: true });
    expect(await deepest.getByLabel('Kind').locator('option').allTextContents()).not.toContain('interval');
    expect(await deepest.getByRole('button', { name: /^Add a block/ }).count()).toBe(0);
    // 60 repeats: the contract allows at most 50, and the API says so at that input.
    const repeat = form.getByRole('group', { name: 'Week 1 Tuesday block 1.1', exact: true }).getByLabel('Repeat (times)').first();
    await repeat.fill('60');
    await form.getByRole('button', { name: 'Create the plan' }).click();
    await coach.locator('input[aria-invalid="true"]').waitFor();
    expect(await repeat.getAttribute('aria-invalid')).toBe('true');
    await checkPage(coach, 'the plan editor with a nested field error', 'coach-plan-editor');
    await repeat.fill('3');
    await form.getByRole('button', { name: 'Create the plan' }).click();
    await coach.getByRole('heading', { name: 'Hill repeats by hand', level: 1 }).waitFor();
    const tuesday = coach
      .getByRole('region', { name: 'Week 1', exact: true })
      .getByRole('listitem')
      .filter({ has: coach.getByRole('heading', { name: 'Tuesday' }) });
    await tuesday.getByText('Repeat 3 ×').waitFor();

    await coach.getByRole('link', { name: 'Edit the plan' }).click();
    await form.getByLabel('Name').fill('Hill repeats, edited');
    await form.getByRole('button', { name: 'Save the plan' }).click();
    await coach.getByRole('heading', { name: 'Hill repeats, edited', level: 1 }).waitFor();
    await coach.getByRole('button', { name: 'Delete the plan' }).click();
    await coach.getByRole('group', { name: 'Delete this plan?' }).getByRole('button', { name: 'Yes, delete' }).click();
    await coach.getByRole('heading', { name: 'Plan library' }).waitFor();
    expect(new URL(coach.url()).pathname).toBe('/plans');
  });
});
