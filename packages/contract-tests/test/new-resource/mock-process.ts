// The mock as `npm run mock` starts it (apps/mock's built entry point), pointed at another
// bundled contract with ASTRAL_CONTRACT_JSON, on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface MockProcess {
  /** Base URL, base path included: `http://127.0.0.1:<port>/api/v1`. */
  url: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node apps/mock/dist/mock-main.js` on 127.0.0.1, port 0, serving `contractJson`,
 * and resolves with its URL once it prints its banner.
 *
 * @example
 * ```ts
 * const mock = await startMockProcess('/tmp/copy/packages/openapi/dist/contract/openapi.json');
 * await fetch(`${mock.url}/training-plans/plan_1`, { headers: { 'X-API-Key': 'k' } });
 * await mock.stop();
 * ```
 */
export function startMockProcess(contractJson: string, readyTimeoutMs = 110_000): Promise<MockProcess> {
  const entry = join(dirname(createRequire(import.meta.url).resolve('@astral/mock/package.json')), 'dist', 'mock-main.js');
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ASTRAL_CONTRACT_JSON: contractJson },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop(0).then(() => reject(new Error(`${why}:\n${output}`)));
    };
    const timer = setTimeout(() => fail(`the mock did not start within ${readyTimeoutMs} ms`), readyTimeoutMs);
    // Both pipes are read to the end, so a chatty mock never blocks on a full pipe.
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(output)?.[1];
      if (settled || !url) return;
      settled = true;
      clearTimeout(timer);
      resolve({ url, child, stop });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => fail(`the mock exited (${code ?? signal}) before it was ready`));
  });
}
