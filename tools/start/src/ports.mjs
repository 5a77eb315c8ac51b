// A port already in use is found before anything starts, with the variable that moves it.
import { createServer } from 'node:net';

/** Resolves when `port` can be bound on `host`; rejects with a message naming the env var. */
export function assertPortFree({ port, host, name, portEnv }) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => {
      const reason = error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code})`;
      reject(
        new Error(
          `Port ${port} (${name}) on ${host} ${reason}. Stop what holds it, or choose another port: ${portEnv}=${port + 100} npm start`,
        ),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}
