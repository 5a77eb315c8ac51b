// `npm start`'s orchestrator, end to end, on free ports and on a temporary copy of the
// contract (a test never edits openapi/): every URL answers, an edit reloads the mock and
// the docs, SIGTERM leaves no process behind, and a taken port is named with its env var.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const startScript = join(root, 'scripts/start.mjs');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startOrchestrator(env: Record<string, string>) {
  const child = spawn(process.execPath, [startScript], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  child.stdout.on('data', (chunk) => (output.text += chunk));
  child.stderr.on('data', (chunk) => (output.text += chunk));
  return { child, output };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number, log: { text: string }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; output so far:\n${log.text.slice(-3000)}`);
}

/** Every process below `pid` (children, grandchildren...). */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of rows) if (ppid === parent) found.push(child), queue.push(child);
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  let work: string;
  let orchestrator: ChildProcess | undefined;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'astral-start-test-'));
    await cp(join(root, 'openapi'), join(work, 'openapi'), { recursive: true });
  });

  afterAll(async () => {
    // A failed run must not leave servers behind either.
    if (orchestrator && orchestrator.exitCode === null) {
      const left = descendants(orchestrator.pid!);
      orchestrator.kill('SIGTERM');
      await Promise.race([once(orchestrator, 'exit'), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      for (const pid of [orchestrator.pid!, ...left]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    await rm(work, { recursive: true, force: true });
  });

  it('starts every server, prints the URL block, reloads on a contract edit and stops cleanly on SIGTERM', async () => {
    const ports = { api: await freePort(), mock: await freePort(), sandbox: await freePort(), docs: await freePort() };
    const { child, output } = startOrchestrator({
      ASTRAL_API_PORT: String(ports.api),
      ASTRAL_MOCK_PORT: String(ports.mock),
      ASTRAL_SANDBOX_PORT: String(ports.sandbox),
      ASTRAL_DOCS_PORT: String(ports.docs),
      ASTRAL_CONTRACT_DIR: join(work, 'openapi'),
      ASTRAL_START_OUT: join(work, 'out'),
      ASTRAL_IN_MEMORY: '1',
      ASTRAL_DATA_DIR: join(work, 'data'),
    });
    orchestrator = child;
    await waitFor(() => output.text.includes('Ctrl-C stops everything.'), 'the URL block', 120_000, output);

    // The block names every URL, the credentials and a curl line.
    for (const [name, port] of Object.entries(ports)) {
      expect(output.text, name).toContain(`http://127.0.0.1:${port}/`);
    }
    for (const credential of ['Bearer dev-athlete-token', 'Bearer dev-admin-token', 'X-API-Key: dev-org-key']) {
      expect(output.text).toContain(credential);
    }
    const block = output.text.slice(output.text.lastIndexOf('Astral API is running'));
    const curl = /Try it:\n\s+curl -H 'Authorization: Bearer dev-athlete-token' '([^']+)'/.exec(block);
    expect(curl?.[1]).toBe(`http://127.0.0.1:${ports.sandbox}/api/v1/races?upcoming=true`);

    // Every server answers, on 127.0.0.1.
    const auth = { authorization: 'Bearer dev-athlete-token' };
    for (const port of [ports.api, ports.mock, ports.sandbox]) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/races?upcoming=true`, { headers: auth });
      expect(response.status, `port ${port}`).toBe(200);
      expect((await response.json()).status).toBe('ok');
    }
    const docs = await fetch(`http://127.0.0.1:${ports.docs}/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<title>Astral API reference</title>');

    // An edit to the watched copy: docs rebuilt, mock and sandbox restarted.
    const before = descendants(child.pid!);
    const entry = join(work, 'openapi', 'openapi.yaml');
    const contract = await readFile(entry, 'utf8');
    expect(contract).toContain('  title: Astral API\n');
    const edited = performance.now();
    await writeFile(entry, contract.replace('  title: Astral API\n', '  title: Astral Reloaded API\n'));
    await waitFor(() => /\[watch\] reloaded in \d+ ms/.test(output.text), 'the reload', 60_000, output);
    const reloadMs = Math.round(performance.now() - edited);
    console.log(`npm start: contract edit to reloaded mock and docs in ${reloadMs} ms`);
    expect(await (await fetch(`http://127.0.0.1:${ports.docs}/`)).text()).toContain('<title>Astral Reloaded API reference</title>');
    const mock = await fetch(`http://127.0.0.1:${ports.mock}/api/v1/races/race_xyz456`, { headers: auth });
    expect(mock.status).toBe(200);
    const after = descendants(child.pid!);
    expect(after.filter((pid) => !before.includes(pid)).length).toBeGreaterThanOrEqual(2);

    // Saves by rename (what git and many editors do: write elsewhere, rename over the
    // file), twice: each replaces the file, and the second must be seen as well as the first.
    const docsTitle = async () => /<title>([^<]*)<\/title>/.exec(await (await fetch(`http://127.0.0.1:${ports.docs}/`)).text())?.[1];
    for (const title of ['Astral Renamed API', 'Astral API']) {
      const replacement = join(work, 'replacement.yaml');
      await writeFile(replacement, contract.replace('  title: Astral API\n', `  title: ${title}\n`));
      await rename(replacement, entry);
      await waitFor(async () => (await docsTitle()) === `${title} reference`, `the reload after a save by rename (${title})`, 60_000, output);
    }

    // SIGTERM: every child stops, the orchestrator exits 0, the ports are free again.
    const everything = [...new Set([...before, ...after, ...descendants(child.pid!)])];
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await waitFor(() => everything.every((pid) => !alive(pid)), 'every child to exit', 10_000, output);
    expect(everything.filter(alive)).toEqual([]);
    expect(output.text).toContain('All stopped.');
  }, 240_000);

  it('leaves no server behind when npm start itself is killed with SIGKILL', async () => {
    // A stand-in parent starts the docs server exactly as npm start does (startProcess,
    // with its IPC lifeline), reports the child's pid, and is then killed without warning.
    const processes = join(root, 'scripts/start/processes.mjs');
    const serve = join(root, 'apps/docs/scripts/serve-docs.mjs');
    const port = await freePort();
    const parent = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { startProcess, waitForHttp } from ${JSON.stringify(processes)};
         const child = startProcess({ name: 'docs', entry: ${JSON.stringify(serve)}, env: { PORT: '${port}' } });
         await waitForHttp('http://127.0.0.1:${port}/', child);
         console.log('child ' + child.pid);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = { text: '' };
    parent.stdout.on('data', (chunk) => (output.text += chunk));
    parent.stderr.on('data', (chunk) => (output.text += chunk));
    await waitFor(() => /child \d+/.test(output.text), 'the docs server', 30_000, output);
    const childPid = Number(/child (\d+)/.exec(output.text)![1]);
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    await waitFor(() => !alive(childPid), 'the orphaned docs server to stop', 10_000, output);
    expect((await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.status).toBeUndefined();
  }, 60_000);

  it('names the port in use and the variable that moves it', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const { child, output } = startOrchestrator({
        ASTRAL_API_PORT: String(await freePort()),
        ASTRAL_MOCK_PORT: String(port),
        ASTRAL_SANDBOX_PORT: String(await freePort()),
        ASTRAL_DOCS_PORT: String(await freePort()),
        ASTRAL_CONTRACT_DIR: join(work, 'openapi'),
        ASTRAL_START_OUT: join(work, 'out-busy'),
      });
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(output.text).toContain(`Port ${port} (mock) on 127.0.0.1 is already in use`);
      expect(output.text).toContain(`ASTRAL_MOCK_PORT=${port + 100} npm start`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 30_000);
});
