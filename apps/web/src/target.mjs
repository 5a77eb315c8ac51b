// Where the web app is served and where its `/api` requests go, read from the environment in
// this one place: `webSettings` declares every variable `npm run web` reads (the README
// table, the start-up checks and their tests follow it). ASTRAL_WEB_API_URL is the mock
// (http://127.0.0.1:4010), the sandbox (4011, the default: it keeps state and sends the
// sign-up email) or the reference API (3000), which the Vite dev and preview servers proxy
// `/api` to, so the page calls its own origin and needs no CORS (a URL with the /api/v1 path
// is accepted too, only its origin counts); or `msw`: no server at all, @astral/msw answers
// in the page from a service worker.
import { defineSettings, port, readSettings, url } from '@astral/settings';

/** The sandbox `npm start` runs. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4011';

/** Every variable the web app's servers read: name, parser, description. */
export const webSettings = defineSettings({
  ASTRAL_WEB_PORT: port({ fallback: undefined, description: 'TCP port (0 picks a free one); wins over PORT' }),
  PORT: port({ fallback: undefined, description: 'TCP port, when ASTRAL_WEB_PORT is unset' }),
  ASTRAL_WEB_API_URL: url({ fallback: DEFAULT_API_URL, also: ['msw'], description: 'the API the page talks to, or msw' }),
});

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ api: 'proxy', apiOrigin: string, host: string, port: number } | { api: 'msw', apiOrigin: null, host: string, port: number }}
 * @example
 * webTarget({ ASTRAL_WEB_API_URL: 'http://127.0.0.1:4010/api/v1' }).apiOrigin; // "http://127.0.0.1:4010"
 * webTarget({ ASTRAL_WEB_API_URL: 'msw' }).api; // "msw"
 */
export function webTarget(env) {
  const settings = readSettings(webSettings, env);
  const host = '127.0.0.1';
  const port = settings.ASTRAL_WEB_PORT ?? settings.PORT ?? 5173;
  if (settings.ASTRAL_WEB_API_URL === 'msw') return { api: 'msw', apiOrigin: null, host, port };
  return { api: 'proxy', apiOrigin: new URL(settings.ASTRAL_WEB_API_URL).origin, host, port };
}
