// Where the web app's `/api` requests go, read from the environment in this one place: the
// Vite dev and preview servers proxy them there, so the page calls its own origin and needs
// no CORS. ASTRAL_WEB_API_URL is the mock (http://127.0.0.1:4010), the sandbox (4011, the
// default: it keeps state and sends the sign-up email) or the reference API (3000); a URL
// with the /api/v1 path is accepted too, only its origin counts.

/** The sandbox `npm start` runs. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4011';

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ apiOrigin: string, host: string, port: number }}
 * @example
 * webTarget({ ASTRAL_WEB_API_URL: 'http://127.0.0.1:4010/api/v1' }).apiOrigin; // "http://127.0.0.1:4010"
 */
export function webTarget(env) {
  const raw = env.ASTRAL_WEB_API_URL || DEFAULT_API_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ASTRAL_WEB_API_URL must be an http:// or https:// URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`ASTRAL_WEB_API_URL must be an http:// or https:// URL, got "${raw}"`);
  const port = Number(env.ASTRAL_WEB_PORT || env.PORT || 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`ASTRAL_WEB_PORT must be a port, got "${env.ASTRAL_WEB_PORT ?? env.PORT}"`);
  return { apiOrigin: url.origin, host: '127.0.0.1', port };
}
