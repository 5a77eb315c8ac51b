// Serves the built app (dist/) with Vite's preview server on 127.0.0.1, `/api` proxied to
// the API it is pointed at: what `npm start`, `npm run web` and the end-to-end test run.
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { webTarget } from './target.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ apiUrl?: string, port?: number }} [options] the API (default: ASTRAL_WEB_API_URL, else the sandbox) and the port (default: ASTRAL_WEB_PORT, else 5173; 0 for a free one)
 * @returns {Promise<{ url: string, apiOrigin: string, close: () => Promise<void> }>}
 * @example
 * const web = await startWebPreview({ apiUrl: 'http://127.0.0.1:4010', port: 0 });
 * console.log(web.url); // http://127.0.0.1:40123/
 */
export async function startWebPreview(options = {}) {
  const env = { ...process.env };
  if (options.apiUrl !== undefined) env.ASTRAL_WEB_API_URL = options.apiUrl;
  if (options.port !== undefined) env.ASTRAL_WEB_PORT = String(options.port);
  const { apiOrigin, host, port } = webTarget(env);
  const server = await preview({
    root: appDir,
    logLevel: 'warn',
    preview: { host, port, strictPort: true, proxy: { '/api': { target: apiOrigin, changeOrigin: true } } },
  });
  const address = server.httpServer.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
  return { url, apiOrigin, close: () => server.close() };
}
