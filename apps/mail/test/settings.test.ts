// Every variable the mail catcher declares (`mailSettings`): a malformed value stops
// `node dist/main.js` at start naming the variable, the README documents exactly these, and
// `npm run mail` (root script → turbo → the catcher) passes each of them through.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { freePort, runUntilExit } from '@astral/settings/npm-script';
import { testDeclaredSettings, throughNpmScript } from '@astral/settings/test-suite';
import { mailSettings } from '../src/config.js';
import { send } from './send.js';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));

testDeclaredSettings('the mail catcher settings', {
  app: 'mail',
  settings: mailSettings,
  atLeast: 4,
  start: (env) => runUntilExit(mainJs, { MAIL_SMTP_PORT: '0', MAIL_HTTP_PORT: '0', ...env }, 20_000),
  readme: { file: new URL('../README.md', import.meta.url), heading: '## Configuration' },
});

it('the mail catcher settings reach the catcher through npm run mail', { timeout: 240_000 }, async () => {
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const env = { HOST: '127.0.0.1', MAIL_SMTP_PORT: String(smtpPort), MAIL_HTTP_PORT: String(httpPort), MAIL_MAX_MESSAGES: '1' };
  // The banner's JSON line comes after both URLs.
  await throughNpmScript('mail', env, { ready: /JSON: .*\n/, ports: [smtpPort, httpPort] }, async (mail) => {
    expect(mail.output()).toContain(`Mail inbox: http://127.0.0.1:${httpPort}`);
    expect(mail.output()).toContain(`SMTP:       smtp://127.0.0.1:${smtpPort}`);
    await send(`smtp://127.0.0.1:${smtpPort}`, { to: 'first@example.com', subject: 'First', text: '1' });
    await send(`smtp://127.0.0.1:${smtpPort}`, { to: 'second@example.com', subject: 'Second', text: '2' });
    // MAIL_MAX_MESSAGES=1: only the newest is kept.
    const listed = (await (await fetch(`http://127.0.0.1:${httpPort}/api/messages`)).json()) as Array<{ subject: string }>;
    expect(listed.map((message) => message.subject)).toEqual(['Second']);
  });
});
