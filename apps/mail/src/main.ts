/**
 * `npm run mail`: the mail catcher on HOST (127.0.0.1), SMTP on MAIL_SMTP_PORT (1025) and the
 * inbox on MAIL_HTTP_PORT (8025), until SIGINT/SIGTERM or, under `npm start`, until its IPC
 * channel closes.
 */
import { startMailCatcher } from './catcher.js';
import { readMailConfig } from './config.js';

/** How long open SMTP sessions and inbox requests get on shutdown before the process gives up. */
const shutdownGraceMs = 5000;

try {
  const config = readMailConfig(process.env);
  const catcher = await startMailCatcher({
    ...config,
    onMessage: (message) =>
      process.stdout.write(
        `caught #${message.id} to ${message.to.join(', ')}: ${JSON.stringify(message.subject)} (${catcherUrl(message.id)})\n`,
      ),
  });
  function catcherUrl(id: string) {
    return `${catcher.inboxUrl}/messages/${encodeURIComponent(id)}`;
  }
  // performance.now() counts from process start.
  const ms = Math.round(performance.now());
  process.stdout.write(
    [
      `Astral mail catcher listening (ready in ${ms} ms)`,
      `  Mail inbox: ${catcher.inboxUrl}`,
      `  SMTP:       ${catcher.smtpUrl}   (give it to the API as SMTP_URL=${catcher.smtpUrl})`,
      `  JSON:       GET ${catcher.inboxUrl}/api/messages[?to=address], GET /api/messages/:id, DELETE /api/messages`,
      `  messages are kept in memory, the last ${config.maxMessages}; none is delivered anywhere`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      process.stderr.write('mail: did not stop in time; exiting\n');
      process.exit(1);
    }, shutdownGraceMs);
    timer.unref();
    void catcher.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `npm start` with an IPC channel: it closes when npm start dies, even by SIGKILL.
  process.once('disconnect', stop);
} catch (error) {
  const { code, port } = error as { code?: string; port?: number };
  const hint = code === 'EADDRINUSE' ? ` (port ${port} is taken: move it with MAIL_SMTP_PORT or MAIL_HTTP_PORT)` : '';
  process.stderr.write(`mail: ${(error as Error).message}${hint}\n`);
  process.exit(1);
}
