/** `npm run mock`: the mock server on HOST:PORT (127.0.0.1:4010), until SIGINT/SIGTERM. */
import { readServerConfig } from './config.js';
import { startMock } from './mock.js';
import { runUntilStopped } from './run-until-stopped.js';

await runUntilStopped('mock', async () => {
  const config = readServerConfig(process.env, 4010);
  const mock = await startMock(config);
  const serving = config.dynamic ? 'dynamic responses' : 'contract examples';
  return {
    close: () => mock.close(),
    banner: (ms) => `Astral mock (Prism, ${serving}) listening on ${mock.url} (ready in ${ms} ms)\n`,
  };
});
