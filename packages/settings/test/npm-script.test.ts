// `stopProcessTree`, which `npm run` scripts in tests stop through: turbo starts each task in a
// process group of its own, so a server below it must go even when it is slow to stop and
// the processes above it have already exited.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort, portClosed, stopProcessTree } from '../src/npm-script.js';

/** A parent that exits at SIGTERM, over a server in its own process group that ignores SIGTERM. */
const parentOverStubbornServer = (port: number) => `
  const { spawn } = require('node:child_process');
  const server = spawn(process.execPath, ['-e', \`
    process.on('SIGTERM', () => {});
    require('node:net').createServer().listen(${port}, '127.0.0.1', () => console.log('listening ' + process.pid));
  \`], { detached: true, stdio: 'inherit' });
  process.on('SIGTERM', () => process.exit(0));
  setInterval(() => {}, 1000);
`;

const running = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

describe('stopProcessTree', () => {
  it('ends a process in another group that ignores SIGTERM, though its parent exited first', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const parent = spawn(process.execPath, ['-e', parentOverStubbornServer(port)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(parent.stdout, 'data')) as [Buffer];
    const serverPid = Number(/listening (\d+)/.exec(line.toString())![1]);
    expect(await portClosed(port, 0)).toBe(false);

    const started = Date.now();
    await stopProcessTree(parent.pid!, 1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(running(parent.pid!)).toBe(false);
    expect(running(serverPid)).toBe(false);
    expect(await portClosed(port)).toBe(true);
  });

  it('returns as soon as every process has stopped', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await stopProcessTree(child.pid!, 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(running(child.pid!)).toBe(false);
  });
});
