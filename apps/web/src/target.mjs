// Where the web app's `/api` requests go, read from the environment in this one place.
// ASTRAL_WEB_API_URL is the mock (http://127.0.0.1:4010), the sandbox (4011, the default: it
// keeps state and sends the sign-up email) or the reference API (3000), which the Vite dev and
// preview servers proxy `/api` to, so the page calls its own origin and needs no CORS (a URL
// with the /api/v1 path is accepted too, only its origin counts); or `msw`: no server at all,
// @astral/msw answers in the page from a service worker.

/** The sandbox `npm start` runs. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4011';

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ api: 'proxy', apiOrigin: string, host: string, port: number } | { api: 'msw', apiOrigin: null, host: string, port: number }}
 * @example
 * webTarget({ ASTRAL_WEB_API_URL: 'http://127.0.0.1:4010/api/v1' }).apiOrigin; // "http://127.0.0.1:4010"
 * webTarget({ ASTRAL_WEB_API_URL: 'msw' }).api; // "msw"
 */
export function webTarget(env) {
  const host = '127.0.0.1';
  const port = Number(env.ASTRAL_WEB_PORT || env.PORT || 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`ASTRAL_WEB_PORT must be a port, got "${env.ASTRAL_WEB_PORT ?? env.PORT}"`);
  const raw = env.ASTRAL_WEB_API_URL || DEFAULT_API_URL;
  if (raw === 'msw') return { api: 'msw', apiOrigin: null, host, port };
  let url;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new Error(`ASTRAL_WEB_API_URL must be an http:// or https:// URL or "msw", got "${raw}"`);
  }
  return { api: 'proxy', apiOrigin: url.origin, host, port };
}
