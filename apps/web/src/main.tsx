// The page calls its own origin: the Vite server proxies /api to ASTRAL_WEB_API_URL, or,
// when that is `msw`, @astral/msw answers from a service worker (loaded only then).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { basePath } from '@astral/openapi';
import { App } from './App.js';
import { Router } from './router.js';
import { ApiProvider } from './session.js';

const settings = (await (await fetch('/astral-web.json')).json()) as { api: 'proxy' | 'msw' };
if (settings.api === 'msw') {
  const { setupAstralWorker } = await import('@astral/msw/browser');
  await setupAstralWorker().start({ onUnhandledRequest: 'bypass', quiet: true });
}

const queries = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <ApiProvider baseUrl={`${window.location.origin}${basePath}`}>
        <Router>
          <App />
        </Router>
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
