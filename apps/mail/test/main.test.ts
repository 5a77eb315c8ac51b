// `npm run mail` as a process: it prints its URLs with the real ports and stops on SIGTERM
// and, as under npm start, when its IPC channel to the parent closes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { send } from './send.js';

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function startMain(ipc: boolean) {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, MAIL_SMTP_PORT: '0', MAIL_HTTP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
  });
  const output = { text: '' };
  child.stdout!.on('data', (chunk) => (output.text += chunk));
  child.stderr!.on('data', (chunk) => (output.text += chunk));
  return { child, output };
}

async function urlsOf(output: { text: string }) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const inbox = /Mail inbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(output.text)?.[1];
    const smtp = /SMTP: +(smtp:\/\/127\.0\.0\.1:\d+)/.exec(output.text)?.[1];
    if (inbox && smtp) return { inbox, smtp };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URLs printed:\n${output.text}`);
}

describe('npm run mail', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('prints its URLs, logs each message and stops on SIGTERM with both ports closed', async () => {
    const started = startMain(false);
    child = started.child;
    const { inbox, smtp } = await urlsOf(started.output);
    await send(smtp, { to: 'runner@example.com', subject: 'Hello', text: 'hi' });
    expect(started.output.text).toContain(`caught #1 to runner@example.com: "Hello" (${inbox}/messages/1)`);
    expect((await fetch(`${inbox}/api/messages`)).status).toBe(200);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${inbox}/api/messages`)).rejects.toThrow();
    await expect(send(smtp, { to: 'runner@example.com', subject: 'After', text: 'x' })).rejects.toThrow();
  });

  it('stops when its IPC channel closes (npm start gone)', async () => {
    const started = startMain(true);
    child = started.child;
    const { inbox } = await urlsOf(started.output);
    child.disconnect();
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${inbox}/`)).rejects.toThrow();
  });

  it('refuses a bad port with the variable named', async () => {
    const bad = spawn(process.execPath, [entry], { env: { ...process.env, MAIL_HTTP_PORT: 'http' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = bad;
    let text = '';
    bad.stderr.on('data', (chunk) => (text += chunk));
    const [code] = await once(bad, 'exit');
    expect(code).toBe(1);
    expect(text).toContain('MAIL_HTTP_PORT must be an integer from 0 to 65535, got "http"');
  });
});
