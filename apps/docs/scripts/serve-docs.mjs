// `npm run docs`: serves the built development site (dist/development/) on 127.0.0.1:8080.
// PORT (or ASTRAL_DOCS_PORT), HOST and ASTRAL_DOCS_DIR change where and what; the try-it console sends requests to
// ASTRAL_MOCK_URL / ASTRAL_SANDBOX_URL (default 127.0.0.1 on ASTRAL_MOCK_PORT / ASTRAL_SANDBOX_PORT).
import { fileURLToPath } from 'node:url';
import { consoleTargets, serveDocs } from '../src/server.mjs';

// The development site (console, development credentials); dist/published/ is the one to publish.
const root = process.env.ASTRAL_DOCS_DIR ?? fileURLToPath(new URL('../dist/development/', import.meta.url));
const port = Number(process.env.PORT ?? process.env.ASTRAL_DOCS_PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
try {
  const targets = consoleTargets();
  const { url } = await serveDocs({ root, port, host, targets });
  console.log(`docs: ${url} (try-it console: ${url}try/, sending to ${targets.map((t) => `${t.name} ${t.url}`).join(', ')})`);
} catch (error) {
  if (error?.code === 'EADDRINUSE') {
    console.error(`docs: port ${port} is already in use; choose another with ASTRAL_DOCS_PORT=<port> (or PORT).`);
    process.exit(1);
  }
  throw error;
}
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Started by `npm start` with an IPC channel: it closes when npm start dies, even by SIGKILL.
process.once('disconnect', stop);
