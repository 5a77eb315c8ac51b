// The page calls its own origin: the Vite server proxies /api to ASTRAL_WEB_API_URL, or,
// when that is `msw`, @astral/msw answers from a service worker (loaded only then).
import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { basePath } from '@astral/openapi';
import { App } from './App.js';
import { Router } from './router.js';
import { ApiProvider } from './session.js';

const settings = (await (await fetch('/astral-web.json')).json()) as { api: 'proxy' | 'msw' };
let Banner: ComponentType | null = null;
if (settings.api === 'msw') {
  const demo = await import('./msw-demo.js');
  await demo.startDemoWorker();
  Banner = demo.DemoBanner;
}

const queries = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <ApiProvider baseUrl={`${window.location.origin}${basePath}`}>
        <Router>
          {Banner ? <Banner /> : null}
          <App />
        </Router>
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
