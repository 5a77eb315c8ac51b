/**
 * `createApp`: the reference API, built and not listening. It composes the parts: the
 * storage (SQLite unless one is injected), the resource modules' handlers
 * (`resources/index.ts`), the authenticator and the one `mapError`. The entry point
 * (`main.ts`) listens; tests, the sandbox and the benchmarks inject requests in-process.
 */
import { createAstralServer, type AstralServerExtraOptions, type AstralServerOptions } from '@astral/server';
import { defaultAppUrl, defaultDataDir, developmentCorsOrigins, type Mode } from './config.js';
import { deliverEmailsWithApp, type EmailOptions } from './email/app-delivery.js';
import { mapDomainError } from './map-error.js';
import { createAuthenticator } from './resources/auth/index.js';
import type { OidcSettings } from './resources/auth/id-tokens.js';
import { resourceHandlers } from './resources/index.js';
import { calendarFeedPrincipal } from './resources/trainingPlans/calendar-feeds/service.js';
import type { Principal } from './domain/principal.js';
import { buildSeed } from './seed/build.js';
import { openPostgresRepository, openSqliteRepository, type DatabaseRepository, type Repository } from './repository.js';

export { devCredentials, devInvitation, devSignIn } from './seed/build.js';
export { isWellFormedSecret, newSecret, secretFromBody, secretPrefixes, type SecretKind } from './domain/secrets.js';
export { apiSettings, ConfigError, developmentCorsOrigins, readConfig, type Config, type Mode } from './config.js';
export type { OidcSettings } from './resources/auth/id-tokens.js';
export type { Race } from './resources/races/model.js';
export type { Principal } from './domain/principal.js';
export type { Repository } from './repository.js';

export interface AppOptions {
  /** `development` (default) and `test` seed the demo catalog and credentials and check every response against the contract; `production` seeds nothing. */
  mode?: Mode;
  /** Directory of the SQLite file, created if missing (default `apps/api/.data`). */
  dataDir?: string;
  /** Keep the database in memory: a fresh, seeded database per app (tests, the sandbox). */
  inMemory?: boolean;
  /** Fastify logger options; default off. Request logs carry the request id (`reqId`). */
  logger?: AstralServerOptions<Principal>['logger'];
  /** Seed on first start; default: every mode but `production`. */
  seed?: boolean;
  /**
   * Accept the development credentials (`dev-athlete-token`, lowercase words and hyphens);
   * default: every mode but `production`. Only in-process callers can turn it on in
   * production (the benchmark, which measures production mode with the seeded credentials):
   * `main.ts` never does, so a deployed API accepts only well-formed secrets.
   */
  developmentCredentials?: boolean;
  /** The clock (upcoming, timestamps, seed dates); injectable for tests. */
  now?: () => Date;
  /** A PostgreSQL URL: run on PostgreSQL (a pool of `poolSize` connections) instead of SQLite. */
  databaseUrl?: string | undefined;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** A storage other than SQLite (a server database, a test double); `dataDir`/`inMemory` are then ignored. */
  repository?: Repository;
  /** The web app the emailed links open (default `http://127.0.0.1:5173`). */
  appUrl?: string;
  /**
   * The API's public base URL in the calendar feed URLs (`https://app.nexrex.ai/api/v1`), or a
   * function asked at each request (a front whose port is known once it listens: the sandbox);
   * default the request's scheme and host.
   */
  publicUrl?: string | (() => string | undefined) | undefined;
  /** The OpenID Connect issuer of Firebase ID tokens (`POST /auth/signup`); absent, every token is refused. */
  oidc?: OidcSettings | undefined;
  /** Delivery of the email outbox over SMTP; without `smtpUrl` this instance delivers nothing. */
  email?: EmailOptions;
  /**
   * Origins allowed to call from a browser (CORS), `scheme://host[:port]` or `scheme://host:*`;
   * default: localhost and 127.0.0.1 on any port outside production, none in production.
   */
  corsOrigins?: readonly string[];
  /** Tooling options of `@astral/server` (the benchmark turns request validation off to measure it). */
  server?: Pick<AstralServerExtraOptions, 'validateRequests' | 'onContractViolation'>;
}

export interface App {
  /** The Fastify instance, routes under `/api/v1`, not listening. */
  app: ReturnType<typeof createAstralServer>;
  /** The storage behind it, one storage per resource (to add users, tokens or participants). */
  repository: Repository;
  /** Stops the server (in-flight requests finish) and closes the database. Safe to call twice. */
  close: () => Promise<void>;
}

/**
 * Builds the API on its database. Pending migrations and the seed (outside production) run
 * when the app becomes ready, which `inject()` and `listen()` both wait for.
 *
 * @example
 * ```ts
 * const { app, close } = createApp({ mode: 'test', inMemory: true });
 * const response = await app.inject({ url: '/api/v1/races?upcoming=true', headers: { authorization: 'Bearer dev-athlete-token' } });
 * await close();
 * ```
 */
export function createApp(options: AppOptions = {}): App {
  const mode = options.mode ?? 'development';
  const now = options.now ?? (() => new Date());
  const opened: DatabaseRepository | undefined = options.repository
    ? undefined
    : options.databaseUrl
      ? openPostgresRepository({ url: options.databaseUrl, ...(options.poolSize ? { poolSize: options.poolSize } : {}) })
      : openSqliteRepository(options.inMemory ? { inMemory: true } : { dataDir: options.dataDir ?? defaultDataDir });
  const repository: Repository = options.repository ?? opened!;
  const app = createAstralServer<Principal>({
    handlers: resourceHandlers({
      repository,
      now,
      accounts: { appUrl: options.appUrl ?? defaultAppUrl, oidc: options.oidc },
      publicUrl: options.publicUrl,
    }),
    // Development credentials (`dev-athlete-token`...) are seeded data: never accepted in production.
    authenticate: createAuthenticator(repository, {
      now,
      developmentCredentials: options.developmentCredentials ?? mode !== 'production',
      calendarFeed: calendarFeedPrincipal(repository.trainingPlans.feeds),
    }),
    // Idempotency-Key records live in the database, so a retry reaching another instance is recognised.
    idempotency: repository.idempotency,
    mapError: mapDomainError,
    mode,
    logger: options.logger ?? false,
    cors: { origins: options.corsOrigins ?? (mode === 'production' ? [] : developmentCorsOrigins) },
    ...options.server,
  });
  // Fail at start, not on the first request, when the database cannot be brought up to date.
  if (opened) app.addHook('onReady', () => opened.ready());
  if (options.seed ?? mode !== 'production') {
    app.addHook('onReady', async () => {
      await repository.seed(buildSeed(now()));
    });
  }
  // The email outbox's delivery worker runs while the app does (email/app-delivery.ts).
  deliverEmailsWithApp(app, { repository, email: options.email, now });
  // Once closing, answers carry `Connection: close`, so a keep-alive client whose request
  // was in flight lets go of its socket and the server can finish closing at once.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A callback, not an async function: this runs on every response, and an async hook
  // costs a promise and a further turn each time.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onClose', async () => {
    await repository.close();
  });
  let closed: Promise<void> | undefined;
  return {
    app,
    repository,
    close: () => (closed ??= app.close().then(() => repository.close())),
  };
}
