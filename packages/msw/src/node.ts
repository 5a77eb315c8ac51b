/**
 * `@astral/msw/node`: the contract's handlers in a Node process (vitest, jest), behind
 * MSW's `setupServer`, which intercepts `fetch`, `http` and `XMLHttpRequest`.
 *
 * @example
 * ```ts
 * import { setupAstralServer } from '@astral/msw/node';
 * const server = setupAstralServer();
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => server.resetHandlers());
 * afterAll(() => server.close());
 * ```
 */
import type { HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { handlers } from './index.js';

export * from './index.js';

/** `setupServer` with the contract's handlers; `overrides` come first, so they win. */
export function setupAstralServer(...overrides: HttpHandler[]): SetupServer {
  return setupServer(...overrides, ...handlers);
}
