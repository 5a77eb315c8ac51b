// One way for every browser test to open Debian's Chromium. The suites run side by side
// with the contract tests on two cores, so a first navigation of the 3 MB docs page can take
// tens of seconds: navigations get a minute, every other step 20 s (slow, never forever).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type ViewportSize } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const NAVIGATION_TIMEOUT_MS = 60_000;
export const STEP_TIMEOUT_MS = 20_000;

export interface ChromiumOptions {
  viewport?: ViewportSize;
  /** URL prefixes the page may load; anything else is aborted and recorded in `offsite`. Omit to allow everything. */
  allow?: readonly string[];
}

export interface OpenChromium {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests outside `allow`, aborted. */
  offsite: string[];
  close(): Promise<void>;
}

export async function openChromium(options: ChromiumOptions = {}): Promise<OpenChromium> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install -y chromium`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // A context from browser.newContext() (not launchPersistentContext) is what axe-core's
  // AxeBuilder needs; it also leaves no profile directory behind.
  const context = await browser.newContext(options.viewport ? { viewport: options.viewport } : {});
  const offsite: string[] = [];
  const { allow } = options;
  if (allow) {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:') || allow.some((prefix) => url.startsWith(prefix))) return route.continue();
      offsite.push(url);
      return route.abort();
    });
  }
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    offsite,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}
