// `npm run web` (and `npm start`): the built web app on 127.0.0.1:ASTRAL_WEB_PORT (5173),
// its /api proxied to ASTRAL_WEB_API_URL (default: the sandbox, http://127.0.0.1:4011).
import { startWebPreview } from '../src/preview.mjs';

const web = await startWebPreview();
console.log(`Web app: ${web.url} (API: ${web.apiOrigin}, proxied at /api)`);
const stop = () => void web.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
