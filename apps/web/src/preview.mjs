// Serves the built app (dist/) with Vite's preview server on 127.0.0.1, `/api` proxied to
// the API it is pointed at (or answered by @astral/msw in the page): what `npm start`,
// `npm run web` and the end-to-end test run.
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { webConfig } from './web-config.mjs';
import { webTarget } from './target.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ apiUrl?: string, port?: number }} [options] the API (default: ASTRAL_WEB_API_URL, else the sandbox; `msw` for none) and the port (default: ASTRAL_WEB_PORT, else 5173; 0 for a free one)
 * @returns {Promise<{ url: string, api: string, close: () => Promise<void> }>}
 * @example
 * const web = await startWebPreview({ apiUrl: 'http://127.0.0.1:4010', port: 0 });
 * console.log(web.url); // http://127.0.0.1:40123/
 */
export async function startWebPreview(options = {}) {
  const env = { ...process.env };
  if (options.apiUrl !== undefined) env.ASTRAL_WEB_API_URL = options.apiUrl;
  if (options.port !== undefined) env.ASTRAL_WEB_PORT = String(options.port);
  const target = webTarget(env);
  const server = await preview({ ...webConfig(env), root: appDir, configFile: false, logLevel: 'warn' });
  const address = server.httpServer.address();
  const url = `http://${target.host}:${typeof address === 'object' && address ? address.port : target.port}/`;
  return { url, api: target.apiOrigin ?? 'msw (in the page)', close: () => server.close() };
}
