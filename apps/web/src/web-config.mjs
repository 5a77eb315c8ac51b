// The Vite configuration of the app, from the environment: used by vite.config.ts (build,
// dev server) and by startWebPreview (npm start, npm run web, the end-to-end test), so each
// caller can pass its own environment. `/astral-web.json` tells the page whether to start
// @astral/msw's service worker (ASTRAL_WEB_API_URL=msw) or call the proxied `/api`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { bundleBudget } from './bundle-budget.mjs';
import { contractValues } from './contract-values.mjs';
import { webTarget } from './target.mjs';

const require = createRequire(import.meta.url);

/** Serves the page's runtime settings and, in msw mode, MSW's worker script (no `npx msw init` copy to keep in sync). */
function runtimeSettings(api) {
  const worker = api === 'msw' ? readFileSync(require.resolve('msw/mockServiceWorker.js')) : undefined;
  const serve = (request, response, next) => {
    const path = request.url?.split('?')[0];
    if (path === '/astral-web.json') {
      response.setHeader('Content-Type', 'application/json');
      response.setHeader('Cache-Control', 'no-store');
      return response.end(JSON.stringify({ api }));
    }
    if (worker && path === '/mockServiceWorker.js') {
      response.setHeader('Content-Type', 'text/javascript');
      return response.end(worker);
    }
    return next();
  };
  return {
    name: 'astral-web-runtime-settings',
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
  };
}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {import('vite').InlineConfig}
 */
export function webConfig(env) {
  const target = webTarget(env);
  const proxy = target.apiOrigin ? { '/api': { target: target.apiOrigin, changeOrigin: true } } : undefined;
  const server = { host: target.host, port: target.port, strictPort: true, proxy };
  return {
    plugins: [react(), runtimeSettings(target.api), bundleBudget()],
    define: contractValues(),
    server,
    preview: server,
    // The msw chunk (MSW, Ajv and the contract, ~240 kB gzipped) loads only with ASTRAL_WEB_API_URL=msw.
    build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  };
}
