/**
 * The life of a server started by an `npm run` script (`mock`, `sandbox`), written once:
 * its banner once it listens, a clean close on SIGINT, SIGTERM or `npm start` going away,
 * and a one-line failure with exit code 1 when it cannot start.
 */

/** A server that has started: how to close it and what to print about it. */
export interface StartedServer {
  close(): Promise<void>;
  /** The lines printed once it listens, given the milliseconds since the process started. */
  banner(readyMs: number): string;
}

/**
 * @example
 * ```ts
 * await runUntilStopped('mock', async () => {
 *   const mock = await startMock(readMockConfig(process.env));
 *   return { close: () => mock.close(), banner: (ms) => `listening on ${mock.url} (ready in ${ms} ms)\n` };
 * });
 * ```
 */
export async function runUntilStopped(name: string, start: () => Promise<StartedServer>): Promise<void> {
  try {
    const server = await start();
    // performance.now() counts from process start, so this includes loading Prism and the contract.
    process.stdout.write(server.banner(Math.round(performance.now())));
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Started by `npm start` with an IPC channel: it closes when npm start dies, even by SIGKILL.
    process.once('disconnect', stop);
  } catch (error) {
    process.stderr.write(`${name}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
