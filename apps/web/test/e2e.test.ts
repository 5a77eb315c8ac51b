// The web app end to end in Debian's Chromium (playwright-core, no browser download),
// against the sandbox (the reference API behind Prism's validating proxy) with its email
// caught by the repository's mail catcher over real SMTP: sign up through the emailed link,
// edit the profile, browse and filter races, log out and back in.
import { createServer } from 'node:net';
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMessage, type RunningMailCatcher } from '@astral/mail';
import { startSandbox } from '@astral/mock';
import { startWebPreview } from '../src/preview.mjs';

/** A free loopback port: the sandbox must know the app's URL (for the emailed link) before the app, which proxies to the sandbox, starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The link of the newest email to `to`, once the sandbox's outbox has delivered it. */
async function emailedLink(mail: RunningMailCatcher, to: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${mail.inboxUrl.replace(/\/$/, '')}/api/messages?to=${encodeURIComponent(to)}`);
    const [message] = (await response.json()) as CaughtMessage[];
    const link = message?.links[0];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no email to ${to} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let mail: RunningMailCatcher;
let sandbox: { url: string; close: () => Promise<void> };
let web: { url: string; close: () => Promise<void> };
let browser: OpenChromium;
let page: Page;

beforeAll(async () => {
  mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  const webPort = await freePort();
  sandbox = await startSandbox({ port: 0, smtpUrl: mail.smtpUrl, appUrl: `http://127.0.0.1:${webPort}`, log: () => undefined });
  web = await startWebPreview({ apiUrl: sandbox.url, port: webPort });
  browser = await openChromium();
  ({ page } = browser);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await sandbox?.close();
  await mail?.close();
});

describe('the web app against the sandbox, in Chromium', () => {
  const email = `runner.${Date.now()}@example.com`;
  const password = 'Easy-Run-Tuesday-5';

  it('signs up with the link the sandbox emailed to the mail catcher', async () => {
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByRole('link', { name: 'Sign up' }).first().click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-up link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = await emailedLink(mail, email);
    expect(link).toMatch(new RegExp(`^${web.url}signup\\?token=`));
    await page.goto(link);
    await page.getByText(`Signing up as ${email}`).waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/profile');
  });

  it('edits the profile, and the edit is there after a reload', async () => {
    await page.getByLabel('Display name').fill('Road Runner');
    await page.getByLabel('Units').selectOption('imperial');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Road Runner' }).waitFor();
    expect(await page.getByLabel('Units').inputValue()).toBe('imperial');
  });

  it('browses the seeded races, filters them, opens one', async () => {
    await page.getByRole('link', { name: 'Races' }).click();
    const races = page.getByRole('list', { name: 'races' }).getByRole('link');
    await races.first().waitFor();
    const all = await races.count();
    expect(all).toBeGreaterThan(1);

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
  });

  it('logs out, and back in with the new password', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('list', { name: 'races' }).getByRole('link').first().waitFor();
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Road Runner' }).waitFor();
  });
});
