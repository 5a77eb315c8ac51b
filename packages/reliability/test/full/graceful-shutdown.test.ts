// SIGTERM under load: a request in flight when the signal lands completes (and is durable),
// new connections are refused while it finishes, and the process exits 0 within a bound.
import { afterAll, expect, it } from 'vitest';
import autocannon from 'autocannon';
import net from 'node:net';
import {
  checkResponse,
  exampleBody,
  httpTransport,
  removeDataDir,
  startApi,
  tempDataDir,
  type ApiProcess,
  type ApiRequest,
} from '../../src/index.js';

/** From the end of the last in-flight request to the process's exit. */
const EXIT_BOUND_MS = 3000;
const athlete = { authorization: 'Bearer dev-athlete-token' };
const dataDir = tempDataDir('astral-shutdown');
let api: ApiProcess | undefined;
afterAll(async () => {
  await api?.kill9();
  removeDataDir(dataDir);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a new TCP connection to the port is accepted. */
const connects = (port: number) =>
  new Promise<boolean | string>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

it('finishes in-flight requests, refuses new connections and exits 0 on SIGTERM under load', async () => {
  api = await startApi({ dataDir, mode: 'test' });
  const load = autocannon({
    url: api.baseUrl,
    connections: 20,
    duration: 30,
    requests: [{ method: 'GET', path: '/api/v1/races?limit=20', headers: athlete }],
  });
  let statuses: Record<string, number> = {};
  // autocannon returns an instance that is also a promise; its events carry the statuses.
  const instance = load as unknown as { on(event: 'response', listener: (client: unknown, status: number) => void): void; stop(): void };
  instance.on('response', (_client, status) => (statuses[status] = (statuses[status] ?? 0) + 1));
  await sleep(1000);

  // A create in flight when SIGTERM lands: `Expect: 100-continue` makes the server say when
  // it has read the headers (the request has begun), and half the body is still to come.
  const request: ApiRequest = {
    operationId: 'createRace',
    method: 'POST',
    url: '/api/v1/races',
    headers: { ...athlete, 'content-type': 'application/json' },
    body: JSON.stringify(exampleBody('createRace', `shutdown ${Date.now()}`)),
  };
  const socket = net.connect({ host: '127.0.0.1', port: api.port });
  await new Promise((resolve) => socket.once('connect', resolve));
  let raw = '';
  socket.on('data', (chunk) => (raw += chunk.toString()));
  const ended = new Promise((resolve) => socket.once('close', resolve));
  const body = Buffer.from(request.body!);
  const head = `${request.method} ${request.url} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nexpect: 100-continue\r\n${Object.entries(
    request.headers,
  )
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\ncontent-length: ${body.length}\r\n\r\n`;
  socket.write(head);
  const deadline = Date.now() + 10_000;
  while (!raw.includes('100 Continue') && Date.now() < deadline) await sleep(10);
  expect(raw).toMatch(/^HTTP\/1\.1 100 Continue/);
  raw = '';
  socket.write(body.subarray(0, body.length >> 1));

  const statusesBefore = { ...statuses };
  const signalledAt = performance.now();
  api.child.kill('SIGTERM');
  // Still finishing our request, so still alive, but soon no longer accepting (polled: on a
  // busy machine the signal may take a moment to be handled).
  let refused: boolean | string = true;
  for (let attempt = 0; attempt < 40 && refused !== 'ECONNREFUSED'; attempt++) {
    await sleep(50);
    refused = await connects(api.port);
  }
  const refusedAfterMs = Math.round(performance.now() - signalledAt);
  expect(refused).toBe('ECONNREFUSED');
  expect(api.child.exitCode, 'the process exited before the in-flight request finished').toBeNull();

  socket.write(body.subarray(body.length >> 1));
  await ended;
  const finishedAt = performance.now();
  const exit = await api.exited;
  const exitedAt = performance.now();
  instance.stop();
  await load;
  statuses = { ...statuses };

  const [headerText, bodyText = ''] = raw.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headerText ?? '')?.[1]);
  const headers = Object.fromEntries(
    (headerText ?? '')
      .split('\r\n')
      .slice(1)
      .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  expect(checkResponse(request, { status, headers, body: bodyText }, { expectStatus: [201] })).toEqual([]);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(exitedAt - finishedAt).toBeLessThan(EXIT_BOUND_MS);
  const serverErrors = Object.entries(statuses).filter(([s]) => Number(s) >= 500 && Number(s) !== 503);
  expect(serverErrors, 'no 5xx while shutting down').toEqual([]);
  console.log(
    `graceful shutdown: in-flight create answered ${status} ${Math.round(finishedAt - signalledAt)} ms after SIGTERM; new connections refused ${refusedAfterMs} ms after SIGTERM; ` +
      `exit code ${exit.code} ${Math.round(exitedAt - finishedAt)} ms after the last in-flight request (${Math.round(exitedAt - signalledAt)} ms after SIGTERM); ` +
      `load statuses before SIGTERM ${JSON.stringify(statusesBefore)}, in all ${JSON.stringify(statuses)}`,
  );

  // Durable: the create answered during shutdown is there after a restart.
  api = await startApi({ dataDir, mode: 'test' });
  const raceId = JSON.parse(bodyText).race_id as string;
  const read = await httpTransport(api.baseUrl)({
    operationId: 'getRace',
    method: 'GET',
    url: `/api/v1/races/${raceId}`,
    headers: athlete,
  });
  expect(read.status).toBe(200);
  expect((await api.stop()).code).toBe(0);
});
