// The try-it console in Debian's chromium (playwright-core): the page is served by the docs
// server, the mock and the sandbox run on their own free 127.0.0.1 ports, so every request
// the console sends is a cross-origin browser request (CORS), as it is under `npm start`.
// Requests to anything else are aborted and recorded.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMock, startSandbox, type RunningSandbox, type RunningServer } from '@astral/mock';
import { openChromium, type OpenChromium } from '@astral/test-chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../src/server.mjs';
import { contractOperations } from './helpers.js';

const dist = fileURLToPath(new URL('../dist/development/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../test-results/', import.meta.url));

let mock: RunningServer;
let sandbox: RunningSandbox;
let site: { url: string; close: () => Promise<unknown> };
let browser: OpenChromium;
let page: Page;
const quiet = () => undefined;

beforeAll(async () => {
  [mock, sandbox] = await Promise.all([startMock({ port: 0, log: quiet }), startSandbox({ port: 0, log: quiet })]);
  site = await serveDocs({
    root: dist,
    port: 0,
    targets: [
      { name: 'mock', url: mock.url },
      { name: 'sandbox', url: sandbox.url },
    ],
  });
  const allow = [site.url, new URL(mock.url).origin, new URL(sandbox.url).origin, new URL(sandbox.apiUrl).origin];
  browser = await openChromium({ viewport: { width: 1200, height: 900 }, allow });
  ({ page } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), mock?.close(), sandbox?.close()]);
});

/** Opens the console on one operation (`try/#operationId`), ready to send. */
async function open(operationId: string): Promise<void> {
  await page.goto(`${site.url}try/#${operationId}`);
  await page.locator('body[data-ready="true"]').waitFor();
  await expect(page.locator('#operation').inputValue()).resolves.toBe(operationId);
}

async function send(): Promise<{ status: string; headers: string; body: string }> {
  await page.locator('#status').evaluate((status) => (status.textContent = ''));
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#status:not(:empty):not(:text("…"))').waitFor();
  return {
    status: (await page.locator('#status').textContent()) ?? '',
    headers: (await page.locator('#response-headers').textContent()) ?? '',
    body: (await page.locator('#response-body').textContent()) ?? '',
  };
}

describe('the try-it console in a browser', () => {
  it('offers every operation of the contract, from the build, none written by hand', async () => {
    await open('listRaces');
    const offered = await page.locator('#operation option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(contractOperations().map((operation) => operation.operationId));
    const targets = await page.locator('#target option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(targets).toEqual([mock.url, sandbox.url]);
  });

  it('lists races from the mock with the athlete token it picks, and shows status, headers and body', async () => {
    await open('listRaces');
    await expect(page.locator('#credential option:checked').textContent()).resolves.toContain('dev-athlete-token');
    const { status, headers, body } = await send();
    expect(status).toBe('200 OK');
    expect(headers).toContain('content-type: application/json');
    const answer = JSON.parse(body);
    expect(answer.status).toBe('ok');
    expect(answer.data.length).toBeGreaterThan(0);
    expect(answer.data[0].race_id).toMatch(/^race_/);
    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'console-list-races.png'), fullPage: true });
  }, 60_000);

  it("shows a bad query's 400 in the API's error shape", async () => {
    await open('listRaces');
    await page.locator('input[name="race_type"]').fill('rowing');
    await expect(page.locator('#request-line').textContent()).resolves.toContain('race_type=rowing');
    const { status, body } = await send();
    expect(status).toBe('400 Bad Request');
    expect(JSON.parse(body)).toMatchObject({ details: { code: 'VALIDATION_ERROR', field: 'race_type' } });
  }, 60_000);

  it('shows the 401 when no credential is chosen', async () => {
    await open('getRace');
    await page.locator('#credential').selectOption('');
    const { status, body } = await send();
    expect(status).toBe('401 Unauthorized');
    expect(JSON.parse(body).details.code).toBe('UNAUTHORIZED');
  }, 60_000);

  it('creates a race in the sandbox from the example body, and reads the headers it exposes', async () => {
    await open('createRace');
    await page.locator('#target').selectOption(sandbox.url);
    const example = JSON.parse(await page.locator('#body').inputValue());
    const name = `Console Ridge Run ${Date.now()}`;
    await page.locator('#body').fill(JSON.stringify({ ...example, race_name: name }, null, 2));
    const { status, headers, body } = await send();
    expect(status).toBe('201 Created');
    expect(headers).toMatch(/x-request-id: \S+/);
    expect(headers).toContain('x-astral-contract-violations: request=0, response=0');
    expect(JSON.parse(body).data.race_name).toBe(name);
  }, 60_000);

  it('calls the reference API itself across origins: its CORS lets the page read the answer and X-Request-Id', async () => {
    await open('getMe');
    await page.locator('#base-url').fill(sandbox.apiUrl);
    await page.locator('#credential').selectOption({ label: 'X-API-Key: dev-org-key (an organization: Alpine Running Club)' });
    const { status, headers, body } = await send();
    expect(status).toBe('200 OK');
    expect(headers).toMatch(/x-request-id: \S+/);
    expect(JSON.parse(body).principal_type).toBe('organization');
  }, 60_000);

  it('fetched nothing from outside the docs server, the mock and the sandbox', () => {
    expect(browser.offsite).toEqual([]);
  });
});
