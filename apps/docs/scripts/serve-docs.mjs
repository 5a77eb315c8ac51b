// `npm run docs`: serves the built development site (dist/development/: the console, the
// development credentials; dist/published/ is the one to publish) on 127.0.0.1:8080. Every variable it reads is declared
// in src/settings.mjs (PORT or ASTRAL_DOCS_PORT, HOST, ASTRAL_DOCS_DIR, where the try-it
// console sends requests); a malformed one stops the start with its name.
import { readDocsConfig } from '../src/settings.mjs';
import { serveDocs } from '../src/server.mjs';

let config;
try {
  config = readDocsConfig();
} catch (error) {
  console.error(`docs: ${error.message}`);
  process.exit(1);
}
const { root, port, host, targets } = config;
try {
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
