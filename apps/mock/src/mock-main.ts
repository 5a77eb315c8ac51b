/** `npm run mock`: the mock server on HOST:PORT (127.0.0.1:4010), until SIGINT/SIGTERM. */
import { readMockConfig } from './config.js';
import { runUntilStopped } from './run-until-stopped.js';

await runUntilStopped('mock', async () => {
  const config = readMockConfig(process.env);
  // Prism is loaded once the settings are known good, so a malformed one is refused at once.
  const { startMock } = await import('./mock.js');
  const mock = await startMock(config);
  const serving = config.dynamic ? 'dynamic responses' : 'contract examples';
  return {
    close: () => mock.close(),
    banner: (ms) => `Astral mock (Prism, ${serving}) listening on ${mock.url} (ready in ${ms} ms)\n`,
  };
});
