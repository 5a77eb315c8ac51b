// Starts the mock and the sandbox (the reference API behind Prism's validating proxy) once
// for the run, on free loopback ports, and stops them at the end. Their log lines go to
// test-results/servers.log rather than the test output.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startMock, startSandbox } from '@astral/mock';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    sandboxUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fileURLToPath(new URL('../../test-results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const logFile = `${dir}servers.log`;
  writeFileSync(logFile, '');
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  const [mock, sandbox] = await Promise.all([startMock({ port: 0, log }), startSandbox({ port: 0, log })]);
  project.provide('mockUrl', mock.url);
  project.provide('sandboxUrl', sandbox.url);
  return async () => {
    await Promise.all([mock.close(), sandbox.close()]);
  };
}
