/**
 * `@astral/msw/browser`: the contract's handlers in a page, behind MSW's service worker.
 * Copy the worker script into the folder your app serves at its root once
 * (`npx msw init public/ --save`), then start the worker before the app renders.
 *
 * @example
 * ```ts
 * import { setupAstralWorker } from '@astral/msw/browser';
 * await setupAstralWorker().start({ onUnhandledRequest: 'bypass' });
 * ```
 */
import type { HttpHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { handlers } from './index.js';

export * from './index.js';

/** `setupWorker` with the contract's handlers; `overrides` come first, so they win. */
export function setupAstralWorker(...overrides: HttpHandler[]): SetupWorker {
  return setupWorker(...overrides, ...handlers);
}
