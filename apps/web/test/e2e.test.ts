// The web app end to end in Debian's Chromium (playwright-core, no browser download),
// against the sandbox (the reference API behind Prism's validating proxy) with its email
// caught by the repository's mail catcher over real SMTP. The seeded head coach (the
// sandbox's development token) invites an athlete by email; the athlete opens the emailed
// invitation, signs up through the emailed sign-up link and accepts, keyboard only; the coach
// sees them on the roster. The seeded athlete browses, filters and opens their activities
// (route and charts), logs one by hand and deletes it, imports a watch's GPX file (and
// importing it again links to the first); the coach reads an athlete's
// activities from the member page; Maya opens her assigned plan's schedule (a workout done by
// a linked run), the plan library and a plan, and the coach assigns the club's plan to Leo
// and generates a plan with the AI coach.
// Every page passes axe-core, and each main page is saved as a
// screenshot at desktop and phone width (test-results/screenshots/). (Over 250 lines: one
// sandbox and one browser serve every person's steps; a second file would start both again.)
import { createServer } from 'node:net';
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMessage, type RunningMailCatcher } from '@astral/mail';
import { startSandbox } from '@astral/mock';
import { generateRoute, writeGpx } from '@astral/api/tracks';
import { startWebPreview } from '../src/preview.mjs';
import { checkPage, desktop, tabTo } from './browser-checks.js';

/** A free loopback port: the sandbox must know the app's URL (for the emailed link) before the app, which proxies to the sandbox, starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The first link to `path` in the emails to `to`, once the sandbox's outbox has delivered one. */
async function emailedLink(mail: RunningMailCatcher, to: string, path: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${mail.inboxUrl.replace(/\/$/, '')}/api/messages?to=${encodeURIComponent(to)}`);
    const messages = (await response.json()) as CaughtMessage[];
    const link = messages.flatMap((message) => message.links).find((url) => new URL(url).pathname === path);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no email to ${to} with a ${path} link within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The seeded head coach's development token (apps/api/src/seed/identities.ts), as the app keeps a session. */
const headCoachSession = { access_token: 'dev-coach-token', expires_at: '2099-01-01T00:00:00Z' };
/** The seeded athlete with three weeks of activities (Maya, apps/api/src/seed/activities.ts). */
const seededAthleteSession = { access_token: 'dev-athlete-token', expires_at: '2099-01-01T00:00:00Z' };

let mail: RunningMailCatcher;
let sandbox: { url: string; close: () => Promise<void> };
let web: { url: string; close: () => Promise<void> };
let browser: OpenChromium;
/** The new athlete's tab, the head coach's and the seeded athlete's, in three browser contexts (three people). */
let page: Page;
let coach: Page;
let maya: Page;

beforeAll(async () => {
  mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  const webPort = await freePort();
  sandbox = await startSandbox({ port: 0, smtpUrl: mail.smtpUrl, appUrl: `http://127.0.0.1:${webPort}`, log: () => undefined });
  web = await startWebPreview({ apiUrl: sandbox.url, port: webPort });
  browser = await openChromium({ viewport: desktop });
  ({ page } = browser);
  const coachContext = await browser.browser.newContext({ viewport: desktop });
  coach = await coachContext.newPage();
  await coach.goto(web.url);
  await coach.evaluate((session) => localStorage.setItem('astral-session', JSON.stringify(session)), headCoachSession);
  const mayaContext = await browser.browser.newContext({ viewport: desktop });
  maya = await mayaContext.newPage();
  await maya.goto(web.url);
  await maya.evaluate((session) => localStorage.setItem('astral-session', JSON.stringify(session)), seededAthleteSession);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await sandbox?.close();
  await mail?.close();
});

// Each step runs axe-core and takes screenshots beside the rest of `npm test` on two cores.
describe('the web app against the sandbox, in Chromium', { timeout: 180_000 }, () => {
  const email = `runner.${Date.now()}@example.com`;
  const password = 'Easy-Run-Tuesday-5';

  it("the head coach's pages: roster, a member with coach-only notes, groups, API keys", async () => {
    await coach.goto(`${web.url}roster`);
    await coach.getByRole('link', { name: 'Leo Moreau' }).waitFor();
    for (const label of ['Roster', 'Groups', 'Invitations', 'API keys', 'Audit log'])
      await coach.getByRole('link', { name: label }).waitFor();
    await checkPage(coach, 'the roster', 'coach-roster');

    await coach.getByRole('link', { name: 'Leo Moreau' }).click();
    await coach.getByText('watch the left Achilles', { exact: false }).first().waitFor();
    await checkPage(coach, "a member's page", 'coach-member');

    await coach.getByRole('link', { name: 'Groups' }).click();
    await coach.getByText('Spring marathon squad').waitFor();
    await checkPage(coach, 'the groups', 'coach-groups');

    await coach.getByRole('link', { name: 'API keys' }).click();
    await coach.getByLabel('Key name').fill('Club dashboard');
    await coach.getByRole('button', { name: 'Create key' }).click();
    const secret = coach.getByRole('article', { name: 'API key secret' });
    expect(await secret.locator('code').textContent()).toMatch(/^astral_live_[0-9A-Za-z]{46}$/);
    await checkPage(coach, 'the API keys with a new secret', 'coach-api-keys');
  });

  it('the head coach invites an athlete by email', async () => {
    await coach.getByRole('link', { name: 'Invitations' }).click();
    await coach.getByLabel("Athlete's email").fill(email);
    await coach.getByRole('button', { name: 'Send invitation' }).click();
    await coach
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${email}` })
      .waitFor();
    await coach.getByRole('cell', { name: email, exact: true }).waitFor();
    await checkPage(coach, 'the invitations', 'coach-invitations');
  });

  it('the athlete opens the emailed invitation, signs up through the emailed link and accepts, keyboard only', async () => {
    const invitation = await emailedLink(mail, email, '/join');
    expect(invitation).toMatch(new RegExp(`^${web.url}join\\?token=`));
    await page.goto(invitation);
    await page.getByRole('heading', { name: 'You are invited to a club on Astral' }).waitFor();
    await checkPage(page, 'the invitation, signed out', 'athlete-join');

    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Sign up' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = await emailedLink(mail, email, '/signup');
    expect(link).toMatch(new RegExp(`^${web.url}signup\\?token=`));
    await page.goto(link);
    await page.getByText(`Signing up as ${email}`).waitFor();
    await checkPage(page, 'choosing a password', 'athlete-signup');
    await tabTo(page, page.getByLabel('Password'));
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');

    // Back at the invitation, now signed in.
    const accept = page.getByRole('button', { name: 'Accept the invitation' });
    await accept.waitFor();
    await tabTo(page, accept);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Alpine Running Club' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/club');
    await page.getByRole('link', { name: 'Groups' }).waitFor();
    expect(await page.getByRole('link', { name: 'Roster' }).count()).toBe(0);
    await checkPage(page, "the athlete's club", 'athlete-club');
  });

  it('edits the profile, and the edit is there after a reload', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Display name').fill('Road Runner');
    await page.getByLabel('Units').selectOption('imperial');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Road Runner' }).waitFor();
    expect(await page.getByLabel('Units').inputValue()).toBe('imperial');
    await checkPage(page, 'the profile', 'athlete-profile');
  });

  it('the head coach sees the new athlete on the roster, and their joining in the audit log', async () => {
    await coach.getByRole('link', { name: 'Roster' }).click();
    await coach.getByRole('link', { name: 'Road Runner' }).waitFor();
    await coach.getByRole('link', { name: 'Audit log' }).click();
    await coach.getByRole('table', { name: 'audit events' }).getByRole('cell', { name: 'invitation accepted' }).first().waitFor();
    await checkPage(coach, 'the audit log', 'coach-audit');
  });

  it('browses the seeded races, filters them, opens one', async () => {
    await page.getByRole('link', { name: 'Races' }).click();
    const races = page.getByRole('list', { name: 'races' }).getByRole('link');
    await races.first().waitFor();
    const all = await races.count();
    expect(all).toBeGreaterThan(1);
    await checkPage(page, 'the races', 'athlete-races');

    await page.getByLabel('Type').selectOption('triathlon');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/race_type=triathlon/);
    await page.waitForFunction(
      (before) =>
        document.querySelectorAll('ul[aria-label="races"] li').length !== before || document.body.textContent?.includes('No race matches'),
      all,
    );
    for (const item of await page.getByRole('list', { name: 'races' }).getByRole('listitem').allTextContents())
      expect(item).toContain('triathlon');

    await page.getByLabel('Type').selectOption('');
    await page.getByRole('button', { name: 'Filter' }).click();
    await races.nth(all - 1).waitFor();
    const name = (await races.first().textContent())!;
    await races.first().click();
    await page.getByRole('heading', { name }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/races\/race_/);
    await checkPage(page, "a race's page", 'athlete-race');
  });

  it('the seeded athlete opens their activities, filters them, and opens a run with its route and charts', async () => {
    await maya.goto(`${web.url}activities`);
    const list = maya.getByRole('table', { name: 'activities' });
    await list.getByRole('link').first().waitFor();
    expect(await list.getByRole('link').count()).toBeGreaterThan(5);
    await checkPage(maya, 'the activity list', 'athlete-activities');

    await maya.getByLabel('Type').selectOption('run');
    await maya.getByLabel('completed').check();
    await maya.getByRole('button', { name: 'Filter' }).click();
    await maya.waitForURL(/\/activities\?activity_type=run&status=completed$/);
    // The seed's workouts, skipped and scheduled sessions drop out of the list.
    await maya.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table[aria-label="activities"] tbody tr')];
      return rows.length > 0 && rows.every((row) => row.children[2]?.textContent === 'run' && row.children[3]?.textContent === 'completed');
    });

    const first = list.getByRole('link').first();
    const title = (await first.textContent())!;
    await first.click();
    await maya.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(new URL(maya.url()).pathname).toMatch(/^\/activities\/act_/);
    await maya.getByRole('heading', { name: /^Summary: / }).waitFor();
    await maya.getByRole('img', { name: `Route of ${title}` }).waitFor();
    expect(
      await maya
        .getByRole('img', { name: `Route of ${title}` })
        .locator('path')
        .getAttribute('d'),
    ).toMatch(/^M [\d.]+ [\d.]+( L [\d.]+ [\d.]+){100,}/);
    // uPlot draws each chart on a canvas once its chunk has loaded.
    for (const chart of ['Pace', 'Heart rate', 'Elevation'])
      await maya.getByRole('figure', { name: chart }).locator('canvas').first().waitFor();
    expect(await maya.getByRole('figure', { name: 'Heart rate' }).textContent()).toMatch(/Lowest \d+ bpm, highest \d+ bpm/);
    await checkPage(maya, "an activity's page", 'athlete-activity');
  });

  it('the athlete logs an activity by hand (the API refuses a day-long duration at its field), then deletes it', async () => {
    await maya.getByRole('link', { name: 'All activities' }).click();
    await maya.getByRole('link', { name: 'Log an activity' }).click();
    await maya.getByLabel('Title').fill('Evening swim');
    await maya.getByLabel('Type').selectOption('swim');
    await maya.getByLabel('Duration (minutes)').fill('2000');
    await maya.getByLabel('Distance (km)').fill('1.5');
    await maya.getByRole('button', { name: 'Log activity' }).click();
    await maya.locator('input[aria-invalid="true"]').waitFor();
    expect(await maya.getByLabel('Duration (minutes)').getAttribute('aria-invalid')).toBe('true');
    await checkPage(maya, 'logging an activity, with a field error', 'athlete-activity-new');

    await maya.getByLabel('Duration (minutes)').fill('40');
    await maya.getByRole('button', { name: 'Log activity' }).click();
    await maya.getByRole('heading', { name: 'Evening swim', level: 1 }).waitFor();
    await maya.getByText('this activity was logged by hand').waitFor();
    await maya.getByRole('button', { name: 'Delete activity' }).click();
    await maya.getByRole('button', { name: 'Yes, delete' }).click();
    await maya.getByRole('heading', { name: 'Your activities' }).waitFor();
    await maya.getByRole('table', { name: 'activities' }).getByRole('link').first().waitFor();
    expect(await maya.getByRole('link', { name: 'Evening swim' }).count()).toBe(0);
  });

  it("the athlete imports a watch's GPX file, and importing it again links to the first", async () => {
    // A 5 km loop recorded every 2 s yesterday morning, as a watch exports it.
    const start = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000 + 5 * 3_600_000);
    const gpx = writeGpx(generateRoute({ seed: 7, start, distance_m: 5000, pace_s_per_km: 330, interval_s: 2 }), 'Sunrise loop');
    const file = { name: 'sunrise-loop.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from(gpx) };
    // The previous step ends on the list, where the import link is.
    await maya.getByRole('link', { name: 'Import a device file' }).click();
    await maya.getByLabel('File (.gpx or .fit)').setInputFiles(file);
    await maya.getByLabel('Title (optional)').fill('Sunrise loop');
    await checkPage(maya, 'importing a device file', 'athlete-activity-import');
    await maya.getByRole('button', { name: 'Import' }).click();
    await maya.getByRole('heading', { name: 'Sunrise loop', level: 1 }).waitFor();
    const imported = new URL(maya.url()).pathname;
    expect(imported).toMatch(/^\/activities\/act_/);
    await maya.getByRole('img', { name: 'Route of Sunrise loop' }).waitFor();
    for (const chart of ['Pace', 'Elevation']) await maya.getByRole('figure', { name: chart }).locator('canvas').first().waitFor();

    await maya.goto(`${web.url}activities/import`);
    await maya.getByLabel('File (.gpx or .fit)').setInputFiles(file);
    await maya.getByRole('button', { name: 'Import' }).click();
    await maya.getByRole('link', { name: 'Open the activity already imported' }).click();
    expect(new URL(maya.url()).pathname).toBe(imported);
    await maya.getByRole('button', { name: 'Delete activity' }).click();
    await maya.getByRole('button', { name: 'Yes, delete' }).click();
    await maya.getByRole('heading', { name: 'Your activities' }).waitFor();
  });

  it("the head coach opens an athlete's activities from the member page", async () => {
    await coach.goto(`${web.url}members/usr_athlete2`);
    await coach.getByRole('link', { name: "Leo Moreau's activities" }).click();
    await coach.getByRole('heading', { name: 'Activities of Leo Moreau' }).waitFor();
    const list = coach.getByRole('table', { name: 'activities' });
    await list.getByRole('link').first().waitFor();
    await checkPage(coach, "an athlete's activities", 'coach-activities');
    // Leo shares his map and training data (the seed keeps the defaults): his coach sees the route and charts.
    await list.getByRole('link', { name: 'Easy run' }).first().click();
    await coach.getByRole('heading', { name: 'Easy run', level: 1 }).waitFor();
    await coach.getByRole('img', { name: 'Route of Easy run' }).waitFor();
    await coach.getByRole('figure', { name: 'Heart rate' }).locator('canvas').first().waitFor();
    expect(await coach.getByRole('note').count()).toBe(0);
    await checkPage(coach, "an athlete's activity", 'coach-activity');
  });

  it('the seeded athlete opens her training plans: the assigned First 5K, the library filtered, a plan, and her schedule with a workout done', async () => {
    // A run on the instance's first Monday, linked to it, completes that day's workout (the seed's own runs may all fall before it).
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${web.url}api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${seededAthleteSession.access_token}`, 'content-type': 'application/json' },
      });
    const instance = (await (await api('/training/plan-instances/pli_mayafirst5k')).json()) as {
      data: { start_date: string; time_zone: string };
    };
    expect(instance.data.time_zone).toBe('Asia/Taipei');
    const created = await api('/activities', {
      method: 'POST',
      body: JSON.stringify({
        title: 'First 5K opener',
        activity_type: 'run',
        status: 'completed',
        start_time: new Date(`${instance.data.start_date}T00:05:00+08:00`).toISOString().replace('.000Z', 'Z'),
        duration_seconds: 1500,
        distance_meters: 3000,
        plan_instance_id: 'pli_mayafirst5k',
      }),
    });
    expect(created.status).toBe(201);

    await maya.goto(`${web.url}races`);
    await maya.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const assigned = maya.getByRole('table', { name: 'assigned plans' });
    await assigned.getByRole('link', { name: 'First 5K' }).waitFor();
    const library = maya.getByRole('table', { name: 'training plans' });
    await library.getByRole('link', { name: 'Half marathon base' }).waitFor();
    await library.getByRole('link', { name: 'First 5K' }).waitFor();
    await checkPage(maya, 'the plan library', 'athlete-plans');

    await maya.getByLabel('Level').selectOption('intermediate');
    await maya.getByRole('button', { name: 'Filter' }).click();
    await maya.waitForURL(/\/plans\?level=intermediate$/);
    await maya.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table[aria-label="training plans"] tbody tr')];
      return rows.length > 0 && rows.every((row) => row.children[2]?.textContent === 'intermediate');
    });

    await library.getByRole('link', { name: 'Half marathon base' }).click();
    await maya.getByRole('heading', { name: 'Half marathon base', level: 1 }).waitFor();
    const thursday = maya
      .getByRole('region', { name: 'Week 1', exact: true })
      .getByRole('listitem')
      .filter({ has: maya.getByRole('heading', { name: 'Thursday' }) });
    await thursday.getByText('Repeat 6 ×').waitFor();
    expect(await thursday.getByText('Run 400 m at z5').count()).toBe(1);
    expect(await maya.getByRole('form', { name: 'assign the plan' }).count()).toBe(0);
    await checkPage(maya, "a plan's page", 'athlete-plan');

    await maya.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await assigned.getByRole('link', { name: 'First 5K' }).click();
    await maya.getByRole('heading', { name: 'First 5K', level: 1 }).waitFor();
    await maya.getByRole('heading', { name: 'Week 1 (this week)' }).waitFor();
    expect(await maya.getByRole('region', { name: 'Calendar feed' }).textContent()).toContain(
      '/training/plan-instances/pli_mayafirst5k/calendar.ics',
    );
    const done = maya.getByRole('link', { name: 'the activity' });
    await done.first().waitFor();
    await checkPage(maya, "the athlete's plan schedule", 'athlete-plan-instance');
    await done.first().click();
    await maya.getByRole('heading', { name: 'First 5K opener', level: 1 }).waitFor();
  });

  it('the head coach assigns the club plan to an athlete and opens the new schedule', async () => {
    await coach.goto(`${web.url}races`);
    await coach.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await coach.getByRole('table', { name: 'training plans' }).getByRole('link', { name: 'Alpine Club spring block' }).click();
    const form = coach.getByRole('form', { name: 'assign the plan' });
    await form.getByRole('option', { name: 'Leo Moreau' }).waitFor({ state: 'attached' });
    await form.getByLabel('Athlete').selectOption({ label: 'Leo Moreau' });
    await checkPage(coach, "a plan's page with the assign form", 'coach-plan');
    await form.getByRole('button', { name: 'Assign' }).click();
    await coach.getByRole('link', { name: 'open the schedule' }).click();
    await coach.getByRole('heading', { name: 'Alpine Club spring block', level: 1 }).waitFor();
    await coach.getByRole('heading', { name: 'Week 4' }).waitFor();
    expect(new URL(coach.url()).pathname).toMatch(/^\/plans\/instances\/pli_/);
    await checkPage(coach, "an athlete's new plan schedule", 'coach-plan-instance');
  });

  it('the head coach generates a plan with the AI coach, edits the draft and saves it', async () => {
    await coach.goto(`${web.url}plans`);
    await coach.getByRole('link', { name: 'Generate a plan with the AI coach' }).click();
    const form = coach.getByRole('form', { name: 'what to plan for' });
    await form.getByLabel('Weeks').fill('4');
    await form.getByLabel('Level').selectOption('intermediate');
    await form.getByRole('button', { name: 'Generate draft' }).click();
    const draft = coach.getByLabel(/^The draft/);
    await draft.waitFor();
    // The draft streams in week by week: the field shows before its last week has arrived.
    const weekLines = async () => (await draft.inputValue()).match(/^Week \d+ · /gm)?.length ?? 0;
    await expect.poll(weekLines, { timeout: 60_000 }).toBe(4);
    const text = await draft.inputValue();
    // The coach changes week 2's distance (within the intermediate bounds, 20 to 70 km); the plan keeps it.
    const edited = /^Week 2 · \w+ · 25 km$/m.test(text) ? 24 : 25;
    await draft.fill(text.replace(/^(Week 2 · \w+ · )\d+ km$/m, `$1${edited} km`));
    await coach.getByRole('button', { name: 'Generate the plan' }).click();
    const weeks = coach.getByRole('table', { name: 'generated weeks' });
    await weeks.waitFor();
    expect(await weeks.locator('tbody tr').count()).toBe(4);
    expect(await weeks.locator('tbody tr').nth(1).locator('td').nth(3).textContent()).toBe(`${edited} km`);
    const name = (await coach.getByRole('heading', { level: 2 }).last().textContent())!;
    await checkPage(coach, 'a generated plan', 'coach-plan-generate');
    await coach.getByRole('button', { name: 'Save the plan' }).click();
    await coach.getByRole('heading', { name, level: 1 }).waitFor();
    expect(new URL(coach.url()).pathname).toMatch(/^\/plans\/plan_/);
    await coach.getByRole('region', { name: 'Week 4', exact: true }).waitFor();
  });

  it('logs out, and back in with the new password, keyboard only', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Log out' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await checkPage(page, 'the login page', 'login');
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'races' }).getByRole('link').first().waitFor();
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Road Runner' }).waitFor();
  });
});
