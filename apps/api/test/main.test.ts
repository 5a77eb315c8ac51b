// The entry point as a real process (built dist/main.js): it listens where the environment
// says, prints the URL and the development credentials, and on SIGTERM stops accepting,
// lets an in-flight request finish, closes the database and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

// Generous: on a loaded 2-core machine (a full `npm test`) a cold start can take 30 s.
const startTimeoutMs = 90_000;
const waitFor = (read: () => string, pattern: RegExp, timeoutMs = startTimeoutMs) =>
  new Promise<RegExpMatchArray>((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const match = read().match(pattern);
      if (match) return resolve(match);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}; output:\n${read()}`));
      setTimeout(poll, 50);
    };
    poll();
  });

describe('node dist/main.js', () => {
  it(
    'serves, then shuts down gracefully on SIGTERM',
    async () => {
      let output = '';
      child = spawn(process.execPath, [mainJs], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ASTRAL_MODE: 'development', ASTRAL_IN_MEMORY: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));

      const [, origin, port] = await waitFor(() => output, /listening on (http:\/\/127\.0\.0\.1:(\d+))\/api\/v1/);
      expect(output).toContain('Bearer dev-athlete-token');
      expect(output).toContain('Bearer dev-admin-token');
      expect(output).toContain('X-API-Key: dev-org-key');
      const me = await fetch(`${origin}/api/v1/auth/me`, { headers: { authorization: 'Bearer dev-admin-token' } });
      expect((await me.json()).role).toBe('admin');
      // In development a page on localhost may call it (CORS_ORIGINS' default).
      expect(output).toContain('browser origins (CORS): http://localhost:*, http://127.0.0.1:*');
      const preflight = await fetch(`${origin}/api/v1/races`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

      let newConnection = 'not tried';
      // An in-flight request: headers and half the body sent before the signal.
      const body = JSON.stringify({
        race_name: 'Shutdown Sprint',
        race_type: 'run',
        race_subtype: '5k',
        race_date: '2026-06-01T08:00:00Z',
        race_location: 'Geneva, Switzerland',
      });
      // A keep-alive client: the server must not wait for it to hang up.
      const agent = new Agent({ keepAlive: true });
      const inFlight = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: '127.0.0.1',
            port: Number(port),
            method: 'POST',
            path: '/api/v1/races',
            headers: {
              authorization: 'Bearer dev-athlete-token',
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 20));
        setTimeout(() => {
          child!.kill('SIGTERM');
          setTimeout(() => {
            // no new connections once shutting down
            fetch(`${origin}/api/v1/races`, { headers: { authorization: 'Bearer dev-athlete-token' } })
              .then(
                (response) => (newConnection = `answered ${response.status}`),
                () => (newConnection = 'refused'),
              )
              .finally(() => req.end(body.slice(20)));
          }, 500);
        }, 200);
      });
      const finished = await inFlight;
      expect(newConnection).toBe('refused');
      expect(finished.status).toBe(201);
      expect(JSON.parse(finished.body).data.race_name).toBe('Shutdown Sprint');
      expect(finished.connection).toBe('close');
      const signalledAt = Date.now();
      expect(await exited).toBe(0);
      // well within the 10 s grace: nothing kept the server open
      expect(Date.now() - signalledAt).toBeLessThan(5_000);
      agent.destroy();
      expect(output).toContain('database closed');
    },
    startTimeoutMs + 30_000,
  );
});
