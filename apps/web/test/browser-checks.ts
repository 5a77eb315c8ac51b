// What every Chromium test asks of a page it shows: axe-core finds no violation (WCAG 2.x
// A and AA, and axe's best practices), and, where asked, a full-page screenshot at desktop
// and at phone width under test-results/screenshots/ (a turbo output), for a reviewer to
// look at without running anything.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const screenshotDir = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

/** axe-core's findings on the page as it is now; the test fails naming each rule and element. */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe-core on ${name}`).toEqual([]);
}

/**
 * Checks the page with axe-core and, with `shot`, saves `<shot>-desktop.png` and
 * `<shot>-phone.png`, checking that nothing sticks out sideways at phone width. (axe runs
 * once, at desktop width: the markup is the same at both, and the suite shares two cores.)
 */
export async function checkPage(page: Page, name: string, shot?: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  if (!shot) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${shot}-desktop.png`, fullPage: true });
  await page.setViewportSize(phone);
  try {
    // Two frames: a chart resizes itself to the new width from a ResizeObserver, before a paint.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // The page scrolls down at phone width, never across.
    const sticking = await page.evaluate((width) => {
      const out = [...document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > width + 1);
      // The outermost ones name the culprit; a scrolling container's insides do not count.
      return out
        .filter(
          (element) =>
            !out.includes(element.parentElement!) &&
            !(element.parentElement?.closest('.table-scroll') && getComputedStyle(element).position !== 'absolute'),
        )
        .map(
          (element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`,
        );
    }, phone.width);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect({ scrollWidth, sticking }, `${name} at phone width`).toEqual({ scrollWidth: phone.width, sticking: [] });
    await page.screenshot({ path: `${screenshotDir}${shot}-phone.png`, fullPage: true });
  } finally {
    await page.setViewportSize(desktop);
  }
}

/** Presses Tab until `target` has the focus (at most `max` times): keyboard-only navigation. */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} never took the focus within ${max} presses of Tab`);
}
