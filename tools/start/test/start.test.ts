// `npm start`'s orchestrator, end to end, on free ports, on a temporary copy of the contract
// (ASTRAL_CONTRACT_DIR; a test never edits openapi/): every URL answers, the API processes
// get the mail catcher's SMTP_URL, an edit reloads the mock and the docs, SIGTERM leaves no
// process behind, and a taken port is named with its env var. (npm start on a copy of the
// whole repository is in start-repository-copy.test.ts, which vitest runs beside this file.)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptEntry } from '../src/config.mjs';
import {
  alive,
  descendants,
  freePort,
  freeServerPorts,
  processInfo,
  startOrchestrator,
  stopOrchestrator,
  waitFor,
} from './support/processes.js';
import { repoRoot } from './support/workspace-copy.js';

describe('npm start on a copy of the contract', () => {
  let work: string;
  let orchestrator: ChildProcess | undefined;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'astral-start-test-'));
    await cp(join(repoRoot, 'openapi'), join(work, 'openapi'), { recursive: true });
  });

  afterAll(async () => {
    // A failed run must not leave servers behind either.
    await stopOrchestrator(orchestrator);
    await rm(work, { recursive: true, force: true });
  });

  it('starts every server, prints the URL block, reloads on a contract edit and stops cleanly on SIGTERM', async () => {
    const { ports, smtpPort, env } = await freeServerPorts();
    const { child, output } = startOrchestrator(repoRoot, {
      ...env,
      ASTRAL_CONTRACT_DIR: join(work, 'openapi'),
      ASTRAL_START_OUT: join(work, 'out'),
      ASTRAL_IN_MEMORY: '1',
      ASTRAL_DATA_DIR: join(work, 'data'),
    });
    orchestrator = child;
    await waitFor(() => output.text.includes('Ctrl-C stops everything.'), 'the URL block', 240_000, output);

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
    expect(block).toContain(`or in the browser: http://127.0.0.1:${ports.docs}/try/`);
    // A copy of the contract: the reference API keeps serving the workspace's, so it is not restarted.
    expect(block).toContain('restarts the mock and sandbox, rebuilds the docs');

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
    // The web app: its page, and its /api proxied to the sandbox (the same races).
    expect(block).toMatch(new RegExp(`Web app +http://127\\.0\\.0\\.1:${ports.web}/ +port: ASTRAL_WEB_PORT`));
    expect(await (await fetch(`http://127.0.0.1:${ports.web}/signup?token=astral_ev_x`)).text()).toContain('<title>Astral</title>');
    const viaWeb = await fetch(`http://127.0.0.1:${ports.web}/api/v1/races?upcoming=true`, { headers: auth });
    expect(viaWeb.status).toBe(200);
    expect((await viaWeb.json()).status).toBe('ok');
    // The try-it console is told where npm start runs the mock and the sandbox.
    const targets = await (await fetch(`http://127.0.0.1:${ports.docs}/try/targets.json`)).json();
    expect(targets).toEqual([
      { name: 'mock', url: `http://127.0.0.1:${ports.mock}/api/v1` },
      { name: 'sandbox', url: `http://127.0.0.1:${ports.sandbox}/api/v1` },
    ]);

    // The mail catcher: its inbox answers, its SMTP side greets, and the reference API and the
    // sandbox (which runs the API in its own process) were started with SMTP_URL pointing at it.
    const smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
    expect(block).toMatch(new RegExp(`Mail inbox +http://127\\.0\\.0\\.1:${ports.mail}/ +port: ASTRAL_MAIL_PORT`));
    expect(block).toMatch(new RegExp(`Mail SMTP +smtp://127\\.0\\.0\\.1:${smtpPort} +port: ASTRAL_MAIL_SMTP_PORT`));
    expect(block).toContain(`send it to\n   ${smtpUrl}; open http://127.0.0.1:${ports.mail}/ and click the link`);
    const inbox = await fetch(`http://127.0.0.1:${ports.mail}/api/messages`);
    expect(inbox.status).toBe(200);
    expect(await inbox.json()).toEqual([]);
    const greeting = await new Promise<string>((resolve, reject) => {
      const socket = connect(smtpPort, '127.0.0.1');
      socket.once('data', (chunk) => {
        socket.end('QUIT\r\n');
        resolve(chunk.toString());
      });
      socket.once('error', reject);
    });
    expect(greeting).toMatch(/^220 /);
    const servers = descendants(child.pid!).map(processInfo);
    for (const [name, entry] of [
      ['reference API', scriptEntry('@astral/api', 'api')],
      ['sandbox', scriptEntry('@astral/mock', 'sandbox')],
    ] as const) {
      const server = servers.find((candidate) => candidate.command.includes(entry));
      expect(server, `the ${name} process (${entry})`).toBeDefined();
      expect(server!.env.SMTP_URL, name).toBe(smtpUrl);
    }

    // An edit to the watched copy: docs rebuilt, mock and sandbox restarted.
    const before = descendants(child.pid!);
    const entry = join(work, 'openapi', 'openapi.yaml');
    const contract = await readFile(entry, 'utf8');
    expect(contract).toContain('  title: Astral API\n');
    const edited = performance.now();
    await writeFile(entry, contract.replace('  title: Astral API\n', '  title: Astral Reloaded API\n'));
    // A hang guard, not a speed goal (the bench's reload suite measures that): under npm test's
    // twenty tasks on two cores a reload (two bundles, two docs sites) took over a minute.
    await waitFor(() => /\[watch\] reloaded in \d+ ms/.test(output.text), 'the reload', 180_000, output);
    const reloadMs = Math.round(performance.now() - edited);
    console.log(`npm start: contract edit to reloaded mock and docs in ${reloadMs} ms`);
    expect(await (await fetch(`http://127.0.0.1:${ports.docs}/`)).text()).toContain('<title>Astral Reloaded API reference</title>');
    const mock = await fetch(`http://127.0.0.1:${ports.mock}/api/v1/races/race_xyz456`, { headers: auth });
    expect(mock.status).toBe(200);
    const after = descendants(child.pid!);
    expect(after.filter((pid) => !before.includes(pid)).length).toBeGreaterThanOrEqual(2);

    // (Saves by rename, what git and many editors do, are start-repository-copy.test.ts's
    // edits: the watcher is the same, and each reload costs about 13 s of CPU.)

    // SIGTERM: every child stops, the orchestrator exits 0, the ports are free again.
    const everything = [...new Set([...before, ...after, ...descendants(child.pid!)])];
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await waitFor(() => everything.every((pid) => !alive(pid)), 'every child to exit', 10_000, output);
    expect(everything.filter(alive)).toEqual([]);
    expect(output.text).toContain('All stopped.');
  }, 480_000);

  it('leaves no server behind when npm start itself is killed with SIGKILL', async () => {
    // A stand-in parent starts the docs server exactly as npm start does (startProcess,
    // with its IPC lifeline), reports the child's pid, and is then killed without warning.
    const processes = fileURLToPath(new URL('../src/processes.mjs', import.meta.url));
    const serve = scriptEntry('@astral/docs', 'docs');
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

  it.each([
    ['mock', 'ASTRAL_MOCK_PORT'],
    ['mail SMTP', 'ASTRAL_MAIL_SMTP_PORT'],
  ])(
    'names the port in use (%s) and the variable that moves it',
    async (name, portEnv) => {
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const { port } = taken.address() as { port: number };
      try {
        const { env } = await freeServerPorts();
        const { child, output } = startOrchestrator(repoRoot, {
          ...env,
          [portEnv]: String(port),
          ASTRAL_CONTRACT_DIR: join(work, 'openapi'),
          ASTRAL_START_OUT: join(work, 'out-busy'),
        });
        const [code] = await once(child, 'exit');
        expect(code).toBe(1);
        expect(output.text).toContain(`Port ${port} (${name}) on 127.0.0.1 is already in use`);
        expect(output.text).toContain(`${portEnv}=${port + 100} npm start`);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    },
    30_000,
  );
});
