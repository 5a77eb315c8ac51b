// The routes a Fastify app registers, as Fastify itself reports them: an `onRoute` hook
// installed the moment the instance is created (Fastify publishes every new instance on
// the `fastify.initialization` diagnostics channel), so no printed tree is parsed back.
import diagnostics from 'node:diagnostics_channel';

/** Where Fastify publishes each instance it creates, before any route is added. */
const CHANNEL = 'fastify.initialization';

/** The part of a Fastify instance the listing needs. */
interface Hookable {
  addHook(name: 'onRoute', hook: (route: { method: string | string[]; url: string }) => void): unknown;
}

/**
 * Builds something that creates Fastify instances (`createApp`) and lists, as
 * `METHOD /url`, every route those instances register: the ones added while it is built
 * and the ones plugins add later, so read `routes()` once the app is ready.
 *
 * @example
 * ```ts
 * const { built: api, routes } = listRoutes(() => createApp({ mode: 'test', inMemory: true }));
 * await api.app.ready();
 * routes(); // ['DELETE /api/v1/races/:race_id', 'GET /api/v1/auth/me', ...]
 * ```
 */
export function listRoutes<T>(build: () => T): { built: T; routes: () => string[] } {
  const routes: string[] = [];
  const onInstance = (message: unknown) => {
    (message as { fastify: Hookable }).fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
    });
  };
  diagnostics.subscribe(CHANNEL, onInstance);
  try {
    return { built: build(), routes: () => [...routes].sort() };
  } finally {
    diagnostics.unsubscribe(CHANNEL, onInstance);
  }
}
