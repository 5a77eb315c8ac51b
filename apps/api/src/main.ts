/**
 * Entry point: `node dist/main.js`. Reads the configuration from the environment
 * (`config.ts`; a malformed variable is named and the process exits 1), listens, prints where (and, in development, the credentials), and shuts
 * down gracefully on SIGINT/SIGTERM: stop accepting, let in-flight requests finish, close
 * the database, exit 0.
 */
import { ConfigError, readConfig } from './config.js';
import { requestLogger } from './request-log.js';
import { join } from 'node:path';

/** How long in-flight requests get to finish on shutdown before the process gives up. */
const shutdownGraceMs = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`astral-api: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Loaded once the settings are known good, so a malformed one is refused at once.
  const [{ createApp, devCredentials, devInvitation, devSignIn }, { databaseFileName }] = await Promise.all([
    import('./app.js'),
    import('./storage/sqlite.js'),
  ]);
  const { app, close } = createApp({
    mode: config.mode,
    dataDir: config.dataDir,
    inMemory: config.inMemory,
    databaseUrl: config.databaseUrl,
    poolSize: config.poolSize,
    appUrl: config.appUrl,
    publicUrl: config.publicUrl,
    oidc: config.oidc,
    email: { smtpUrl: config.smtpUrl, from: config.emailFrom },
    corsOrigins: config.corsOrigins,
    logger: await requestLogger(config.mode),
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'Shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('In-flight requests did not finish in time; exiting');
      process.exit(1);
    }, shutdownGraceMs);
    timer.unref();
    close().then(
      () => {
        app.log.info('Stopped; database closed');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by `npm start` with an IPC channel: it closes when npm start dies, even by SIGKILL.
  process.once('disconnect', stop);

  const address = await app.listen({ host: config.host, port: config.port });
  const storage = config.databaseUrl
    ? `${redactedUrl(config.databaseUrl)} (PostgreSQL, pool of ${config.poolSize})`
    : config.inMemory
      ? 'in memory'
      : join(config.dataDir, databaseFileName);
  const lines = [
    `Astral API (${config.mode}) listening on ${address}/api/v1`,
    `  database: ${storage}`,
    `  browser origins (CORS): ${config.corsOrigins.length > 0 ? config.corsOrigins.join(', ') : 'none'}`,
    `  email: ${config.smtpUrl ? `${redactedUrl(config.smtpUrl)} (from ${config.emailFrom})` : 'not sent (no SMTP_URL): queued in the outbox'}`,
  ];
  if (config.mode === 'development') {
    lines.push(
      '  development credentials:',
      `    Authorization: Bearer ${devCredentials.athleteToken}   (athlete)`,
      `    Authorization: Bearer ${devCredentials.adminToken}     (admin)`,
      `    X-API-Key: ${devCredentials.organizationKey}                (organization)`,
      `    Authorization: Bearer ${devCredentials.coachToken}     (head coach of org_alpineclub)`,
      `    Authorization: Bearer ${devCredentials.assistantToken} (its assistant coach)`,
      `    Authorization: Bearer ${devCredentials.memberToken}    (its athlete Leo)`,
      `    invitation link of org_alpineclub: POST /api/v1/invitations/accept {"token": "${devInvitation.token}"} (development only)`,
      `    POST /auth/login {"email": "${devSignIn.email}", "password": "${devSignIn.password}"}   (athlete)`,
      `  try: curl -H 'Authorization: Bearer ${devCredentials.athleteToken}' '${address}/api/v1/races?upcoming=true'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The URL without its password, for the start banner. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

main().catch((error: unknown) => {
  process.stderr.write(`astral-api: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
