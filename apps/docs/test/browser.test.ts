// Opens the built site in Debian's chromium (playwright-core, no browser download) with the
// network cut off: every request that leaves the docs server is aborted and recorded.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../src/server.mjs';
import { contractOperations } from './helpers.js';

const dist = fileURLToPath(new URL('../dist/development/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

let site: { url: string; close: () => Promise<unknown> };
let browser: OpenChromium;
let page: Page;

beforeAll(async () => {
  site = await serveDocs({ root: dist, port: 0 });
  browser = await openChromium({ viewport: { width: 1400, height: 900 }, allow: [site.url] });
  ({ page } = browser);
  await page.goto(site.url);
  await page.getByText('Versioning', { exact: true }).first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the docs site in a browser, offline', () => {
  it('shows the overview sections of the contract description', async () => {
    for (const section of ['Authentication', 'Errors', 'HTTP status codes', 'Rate limiting', 'Versioning']) {
      await expect(page.getByText(section, { exact: true }).first().isVisible()).resolves.toBe(true);
    }
  });

  it('lists every operation of the contract by its summary', async () => {
    const tags = [...new Set(contractOperations().map(({ path, method }) => tagOf(path, method)))];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      const operations = contractOperations().filter(({ path, method }) => tagOf(path, method) === tag);
      await expandTag(tag, operations[0]!.summary);
      for (const { summary } of operations) await expect(sidebarItem(summary)).toBeVisibleSoon();
    }
  }, 90_000);

  it('finds "race" with the search box', async () => {
    await page.getByTestId('search-trigger').click();
    const input = page.getByPlaceholder('Search docs...');
    await input.fill('race');
    const results = page.locator('[data-component-name="Search/SearchItem"]');
    await expect(results.filter({ hasText: 'List races' }).first()).toBeVisibleSoon();
    expect(await results.count()).toBeGreaterThan(1);
    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'docs-search-race.png') });
    await page.keyboard.press('Escape');
  }, 60_000);

  it('shows the generated code samples', async () => {
    // From a fresh page, as a reader arrives: nothing the search step left open (its dialog,
    // its highlighted results) may stand in the way.
    await page.goto(site.url);
    await page.getByText('Versioning', { exact: true }).first().waitFor();
    await page.getByText(tagOf('/races', 'get'), { exact: true }).first().click();
    await page.getByText('List races', { exact: true }).first().click();
    await expect(page.getByText('race_type=run&upcoming=true', { exact: false }).first()).toBeVisibleSoon();
    await page.getByText('curl', { exact: true }).first().click();
    await page.getByText('@astral/client', { exact: true }).first().click();
    await expect(page.getByText('client.races.list', { exact: false }).first()).toBeVisibleSoon();
    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'docs-list-races.png') });
  }, 90_000);

  it('fetched nothing from outside the docs server', () => {
    expect(browser.offsite).toEqual([]);
  });
});

/**
 * An entry of the sidebar by its label. (The same text in the content is no proof: Redoc
 * renders the operations below the fold lazily, so whether it shows yet is a matter of time.)
 */
function sidebarItem(label: string) {
  return page.locator('[data-component-name="Menu/MenuItem"]').getByText(label, { exact: true }).first();
}

/**
 * Opens a tag's group in the sidebar. A click toggles the group, and Redoc may open the group
 * in view by itself while it settles (slowly on a busy machine), so click until the group's
 * first operation shows, never more than three times.
 */
async function expandTag(tag: string, firstSummary: string): Promise<void> {
  const first = sidebarItem(firstSummary);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await first.isVisible()) return;
    await sidebarItem(tag).click();
    await first.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
  }
}

function tagOf(path: string, method: string): string {
  const { contract } = contractModule;
  return String(contract.paths[path]![method].tags[0]);
}

const contractModule = await import('@astral/openapi/contract');

declare module 'vitest' {
  interface Assertion<T> {
    toBeVisibleSoon(): Promise<T>;
  }
}

expect.extend({
  async toBeVisibleSoon(locator: ReturnType<Page['getByText']>) {
    try {
      await locator.waitFor({ state: 'visible', timeout: 15_000 });
      return { pass: true, message: () => `${locator.toString()} is visible` };
    } catch {
      return { pass: false, message: () => `${locator.toString()} did not become visible within 15 s` };
    }
  },
});
