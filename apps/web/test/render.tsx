// Renders the whole app at a URL, as the browser would open it, on a fresh query cache and
// storage: what a component test needs, with the API answered by @astral/msw.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { cleanup, configure, render } from '@testing-library/react';
import { setupAstralServer } from '@astral/msw/node';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { basePath } from '@astral/openapi';
import { App } from '../src/App.js';
import { Router } from '../src/router.js';
import { ApiProvider } from '../src/session.js';

// The first request of a file compiles the contract's validators in @astral/msw; on a loaded
// 2-core machine that takes more than testing-library's default 1 s wait, which is patience,
// not a behaviour this suite asserts.
configure({ asyncUtilTimeout: 10_000 });

/**
 * The @astral/msw server that answers the app for the calling test file: listening for the
 * file (any request it has no handler for fails the test), the rendered app and the tests'
 * own handlers reset after each test, closed at the end.
 */
export function answerWithMsw() {
  const server = setupAstralServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    cleanup();
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return server;
}

/** A session the default handlers accept (any bearer token), valid for a day. */
export const signedIn = { access_token: 'dev-athlete-token', expires_at: new Date(Date.now() + 86_400_000).toISOString() };

export function renderApp(path: string, options: { session?: typeof signedIn } = {}) {
  window.history.replaceState(null, '', path);
  localStorage.clear();
  if (options.session) localStorage.setItem('astral-session', JSON.stringify(options.session));
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      <ApiProvider baseUrl={`${window.location.origin}${basePath}`}>
        <Router>
          <App />
        </Router>
      </ApiProvider>
    </QueryClientProvider>,
  );
}
