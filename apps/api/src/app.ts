/**
 * `createApp`: the reference Races API, built and not listening. The entry point
 * (`main.ts`) listens; tests, the sandbox and the benchmarks inject requests in-process.
 */
import { createAstralServer, type AstralServerExtraOptions, type AstralServerOptions } from '@astral/server';
import { defaultDataDir, type Mode } from './config.js';
import { createAuthenticator } from './domain/authentication.js';
import { RaceService } from './domain/races.js';
import type { Principal } from './domain/types.js';
import { authHandlers } from './handlers/auth.js';
import { raceHandlers } from './handlers/races.js';
import { buildSeed } from './seed/seed.js';
import type { Repository } from './storage/repository.js';
import { openSqliteRepository } from './storage/sqlite.js';

export { devCredentials } from './seed/seed.js';
export type { Mode } from './config.js';
export type { Principal, Race } from './domain/types.js';
export type { Repository } from './storage/repository.js';

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
  /** The clock (upcoming, timestamps, seed dates); injectable for tests. */
  now?: () => Date;
  /** A storage other than SQLite (a server database); `dataDir`/`inMemory` are then ignored. */
  repository?: Repository;
  /** Tooling options of `@astral/server` (the benchmark turns request validation off to measure it). */
  server?: Pick<AstralServerExtraOptions, 'validateRequests' | 'onContractViolation'>;
}

export interface App {
  /** The Fastify instance, routes under `/api/v1`, not listening. */
  app: ReturnType<typeof createAstralServer>;
  /** The storage behind it (to add users, tokens or participants). */
  repository: Repository;
  /** Stops the server (in-flight requests finish) and closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Builds the API on its database. The seed (outside production) is written when the app
 * becomes ready, which `inject()` and `listen()` both wait for.
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
  const repository =
    options.repository ?? openSqliteRepository(options.inMemory ? { inMemory: true } : { dataDir: options.dataDir ?? defaultDataDir });
  const races = new RaceService({ repository, now });
  const app = createAstralServer<Principal>({
    handlers: { ...raceHandlers(races), ...authHandlers() },
    authenticate: createAuthenticator(repository.principals, now),
    mode,
    logger: options.logger ?? false,
    ...options.server,
  });
  if (options.seed ?? mode !== 'production') {
    app.addHook('onReady', async () => {
      await repository.seed(buildSeed(now()));
    });
  }
  // Once closing, answers carry `Connection: close`, so a keep-alive client whose request
  // was in flight lets go of its socket and the server can finish closing at once.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
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
