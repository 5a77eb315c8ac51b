// Every variable the mail catcher declares (`mailSettings`): a malformed value stops
// `node dist/main.js` at start naming the variable, the README documents exactly these, and
// `npm run mail` (root script → turbo → the catcher) passes each of them through.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { documentedVariables } from '@astral/settings';
import { freePort, portClosed, runUntilExit, startNpmScript } from '@astral/settings/npm-script';
import { mailSettings } from '../src/config.js';
import { send } from './send.js';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const names = Object.keys(mailSettings) as Array<keyof typeof mailSettings>;
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

describe('the mail catcher settings', () => {
  it('declares the variables the catcher reads', () => expect(names.length).toBeGreaterThanOrEqual(4));

  describe.concurrent('a malformed value stops the start, naming the variable', () => {
    it.each(names)('%s', async (name) => {
      // Should a malformed value be accepted, the catcher starts on free ports (and the test fails).
      const { code, output } = await runUntilExit(
        mainJs,
        { MAIL_SMTP_PORT: '0', MAIL_HTTP_PORT: '0', [name]: mailSettings[name].malformed },
        20_000,
      );
      expect(output).toMatch(new RegExp(`^mail: ${name} must be `, 'm'));
      expect(code).toBe(1);
    });
  });

  it('are the variables apps/mail/README.md documents under Configuration', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    expect(documentedVariables(readme, '## Configuration').sort()).toEqual([...names].sort());
  });

  it('reach the catcher through npm run mail', { timeout: 240_000 }, async () => {
    const [smtpPort, httpPort] = [await freePort(), await freePort()];
    const mail = startNpmScript('mail', {
      HOST: '127.0.0.1',
      MAIL_SMTP_PORT: String(smtpPort),
      MAIL_HTTP_PORT: String(httpPort),
      MAIL_MAX_MESSAGES: '1',
    });
    stops.push(() => mail.stop());
    // The banner's JSON line comes after both URLs.
    await mail.waitFor(/JSON: .*\n/);
    expect(mail.output()).toContain(`Mail inbox: http://127.0.0.1:${httpPort}`);
    expect(mail.output()).toContain(`SMTP:       smtp://127.0.0.1:${smtpPort}`);
    await send(`smtp://127.0.0.1:${smtpPort}`, { to: 'first@example.com', subject: 'First', text: '1' });
    await send(`smtp://127.0.0.1:${smtpPort}`, { to: 'second@example.com', subject: 'Second', text: '2' });
    // MAIL_MAX_MESSAGES=1: only the newest is kept.
    const listed = (await (await fetch(`http://127.0.0.1:${httpPort}/api/messages`)).json()) as Array<{ subject: string }>;
    expect(listed.map((message) => message.subject)).toEqual(['Second']);
    await mail.stop();
    expect(await portClosed(smtpPort)).toBe(true);
    expect(await portClosed(httpPort)).toBe(true);
  });
});
