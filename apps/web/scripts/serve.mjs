// `npm run web` (and `npm start`): the built web app on 127.0.0.1:ASTRAL_WEB_PORT (5173),
// its /api proxied to ASTRAL_WEB_API_URL (default: the sandbox, http://127.0.0.1:4011). The
// variables are declared in src/target.mjs; a malformed one stops the start with its name.
import { webTarget } from '../src/target.mjs';

try {
  webTarget(process.env);
} catch (error) {
  console.error(`web: ${error.message}`);
  process.exit(1);
}
// Vite is loaded once the settings are known good.
const { startWebPreview } = await import('../src/preview.mjs');
let web;
try {
  web = await startWebPreview();
} catch (error) {
  if (error?.code === 'EADDRINUSE' || /already in use/i.test(String(error?.message))) {
    console.error(`web: port ${process.env.ASTRAL_WEB_PORT ?? 5173} is already in use; choose another with ASTRAL_WEB_PORT=<port>.`);
    process.exit(1);
  }
  throw error;
}
console.log(`web: ${web.url} (API: ${web.api})`);
const stop = () => void web.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Started by `npm start` with an IPC channel: it closes when npm start dies, even by SIGKILL.
process.once('disconnect', stop);
