// @astral/msw in a real browser: the built app with ASTRAL_WEB_API_URL=msw in Debian's
// Chromium, no API server at all. MSW's service worker (served by the app's own server)
// answers with the contract's examples, and the contract's validation runs in the page.
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebPreview } from '../src/preview.mjs';

let web: { url: string; close: () => Promise<void> };
let browser: OpenChromium;
let page: Page;
/** Requests that reached the app's server under /api: none should, the worker answers them. */
const reachedServer: string[] = [];

beforeAll(async () => {
  web = await startWebPreview({ apiUrl: 'msw', port: 0 });
  browser = await openChromium();
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

describe('the web app on @astral/msw in Chromium (setupWorker)', () => {
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
  });

  it("refuses bad input in the API's error shape, validated against the contract in the page", async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Maya Okafor' }).waitFor();
    await page.getByLabel('Display name').fill('M'.repeat(80));
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/\(display_name\)$/);
    await page.getByLabel('Display name').fill('Maya O.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').waitFor();
    expect(reachedServer).toEqual([]);
  });
});
