// Redoc and the contract's one recursive schema (`ContentBlock`: an interval's `blocks` are
// content blocks again), in Debian's chromium with the network cut off. The createTrainingPlan
// page renders; its request body opens level by level (weeks → days → a day's workout → its
// blocks → an interval's child blocks) within a bounded time; Redoc draws the first level of
// blocks in full and stops at the recursion, marking the child block `Recursive` with nothing
// further to open, so it cannot expand without end; the page states the contract's depth
// (`x-astral-max-depth`), and the main thread still answers at once afterwards.
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import { contract } from '@astral/openapi/contract';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../src/server.mjs';

const dist = new URL('../dist/development/', import.meta.url).pathname;
const operation = 'training-plans/createtrainingplan';
const prefix = `${operation}/t=request&`;
/** The contract's stated depth of content blocks. */
const maxDepth = (contract.components.schemas!.ContentBlock as unknown as { 'x-astral-max-depth': number })['x-astral-max-depth'];
/** Opening one level may take a while on a loaded machine; all of them together must end. */
const LEVEL_MS = 30_000;
const ALL_LEVELS_MS = 90_000;

let site: { url: string; close: () => Promise<unknown> };
let browser: OpenChromium;
let page: Page;

beforeAll(async () => {
  site = await serveDocs({ root: dist, port: 0 });
  browser = await openChromium({ viewport: { width: 1400, height: 900 }, allow: [site.url] });
  ({ page } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The request body's property items on the page, by their Redoc path (`path=weeks[]/days`). */
const shownPaths = () =>
  page.evaluate((start) => [...document.querySelectorAll(`[id^="${start}"]`)].map((e) => e.id.slice(start.length)), prefix);

/**
 * Opens the property `path` (scrolled into view: Redoc draws nested schemas lazily) and waits
 * until its children are drawn; returns their paths.
 */
async function open(path: string): Promise<string[]> {
  const item = page.locator(`[id="${prefix}${path}"]`);
  await item.waitFor({ timeout: LEVEL_MS });
  await item.scrollIntoViewIfNeeded();
  const toggle = item.locator('[data-schema-nested-open]').first();
  if ((await toggle.getAttribute('data-schema-nested-open')) === 'false') await toggle.locator('button').first().click();
  const deadline = Date.now() + LEVEL_MS;
  for (;;) {
    const children = (await shownPaths()).filter((shown) => shown.startsWith(path) && shown !== path);
    if (children.length > 0) return children;
    if (Date.now() > deadline) throw new Error(`${path} showed no nested property within ${LEVEL_MS} ms`);
    await page.waitForTimeout(250);
    await item.scrollIntoViewIfNeeded();
  }
}

describe("Redoc's rendering of the recursive content blocks, offline", () => {
  it('opens the nested blocks of createTrainingPlan in bounded time, marks the recursion, and stays responsive', async () => {
    await page.goto(`${site.url}#/${operation}`);
    await page
      .getByRole('heading', { name: String(contract.paths['/training/plans']!.post!.summary) })
      .first()
      .waitFor({ timeout: 60_000 });
    expect(maxDepth).toBeGreaterThan(1);

    const started = Date.now();
    await open('path=weeks');
    await open('path=weeks[]/days');
    const workout = await open('path=weeks[]/days/monday');
    const blocks = workout.find((path) => path.endsWith('/blocks'))!;
    expect(blocks).toBeDefined();
    // Depth 1: a block's own properties, the interval's repeat and child blocks among them.
    const level1 = await open(blocks);
    for (const property of ['type', 'block_length_target', 'block_pace', 'block_repeat', 'blocks'])
      expect(level1).toContain(`${blocks}[]/${property}`);
    // Depth 2: the child block is the same schema; Redoc names it and marks the recursion.
    const level2 = await open(`${blocks}[]/blocks`);
    expect(level2).toHaveLength(1);
    const child = page.locator(`[id="${prefix}${level2[0]}"]`);
    expect(await child.locator('.schema-name').textContent()).toBe('[i]');
    expect(await child.textContent()).toContain('(ContentBlock)');
    expect(await child.textContent()).toContain('Recursive');
    expect(await child.locator('[data-schema-nested-open]').count()).toBe(0);
    expect(Date.now() - started).toBeLessThan(ALL_LEVELS_MS);

    // The page says how deep blocks nest: the contract's x-astral-max-depth.
    expect(await page.getByText(`nest at most ${maxDepth} deep`).count()).toBeGreaterThan(0);
    // The main thread answers at once: no render loop is left running.
    const asked = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
    expect(Date.now() - asked).toBeLessThan(2_000);
    expect(browser.offsite).toEqual([]);
  }, 240_000);
});
