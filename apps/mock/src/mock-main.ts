/** `npm run mock`: the mock server on HOST:PORT (127.0.0.1:4010), until SIGINT/SIGTERM. */
import { readMockConfig } from './config.js';

try {
  const config = readMockConfig(process.env);
  // Prism is loaded once the settings are known good, so a malformed one is refused at once.
  const { startMock } = await import('./mock.js');
  const mock = await startMock(config);
  // performance.now() counts from process start, so this includes loading Prism and the contract.
  const ms = Math.round(performance.now());
  process.stdout.write(
    `Astral mock (Prism, ${config.dynamic ? 'dynamic responses' : 'contract examples'}) listening on ${mock.url} (ready in ${ms} ms)\n`,
  );
  const stop = () => void mock.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `npm start` with an IPC channel: it closes when npm start dies, even by SIGKILL.
  process.once('disconnect', stop);
} catch (error) {
  process.stderr.write(`mock: ${(error as Error).message}\n`);
  process.exit(1);
}
