// Shared by the HTTP tests: a fresh in-memory, seeded app per test file, and a small
// request helper speaking as one of the development credentials.
import { createApp, type App, type AppOptions, type Repository } from '../src/app.js';
import { freshPostgresDatabase, type DatabaseLane } from './databases.js';
import { newSecret } from '../src/domain/secrets.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { devCredentials } from '../src/seed/build.js';
import type { StoredRace } from '../src/resources/races/model.js';

/** Who a request speaks as: a development credential, a raw header set, or nobody. */
export type As = 'athlete' | 'admin' | 'organization' | 'anonymous' | { headers: Record<string, string> };

const credentialHeaders = (as: As): Record<string, string> => {
  if (typeof as === 'object') return as.headers;
  if (as === 'athlete') return { authorization: `Bearer ${devCredentials.athleteToken}` };
  if (as === 'admin') return { authorization: `Bearer ${devCredentials.adminToken}` };
  if (as === 'organization') return { 'x-api-key': devCredentials.organizationKey };
  return {};
};

/** Speaks with `Authorization: Bearer <token>`. */
export const bearer = (token: string): As => ({ headers: { authorization: `Bearer ${token}` } });

/**
 * Makes users in no organization, each with a token of its own (`<user_id>-token`), written
 * below the API: `usr_<prefix><n>`, numbered per maker so ids never collide within a file.
 *
 * @example
 * ```ts
 * const newUser = userMaker(repository);
 * const { id, as, email } = await newUser('ath'); // usr_ath1, bearer('usr_ath1-token'), ath1@example.com
 * ```
 */
export function userMaker(repository: Repository, defaultPrefix = 'new') {
  let users = 0;
  return async (prefix = defaultPrefix) => {
    const id = `usr_${prefix}${++users}`;
    const email = `${id.slice(4)}@example.com`;
    await repository.users.create({
      user_id: id,
      username: id.slice(4),
      display_name: `User ${id}`,
      email,
      role: 'athlete',
      organization_id: null,
    });
    const token = newSecret('accessToken');
    await repository.users.addAccessToken(id, hashCredential(token));
    return { id, as: bearer(token), email };
  };
}

/** A fixed "now" so seeded dates, `upcoming` and timestamps are reproducible. */
export const fixedNow = new Date('2026-03-15T12:00:00Z');

export interface Reply {
  status: number;
  body: any;
  /** The answer as sent. */
  text: string;
  headers: Record<string, unknown>;
}

/**
 * Starts a test app (mode `test`: every response is checked against the contract, a
 * violation is a 500) and returns a caller for it.
 */
export function testApp(options: AppOptions = {}) {
  const started = createApp({ mode: 'test', inMemory: true, now: () => fixedNow, ...options });
  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    as: As = 'athlete',
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...credentialHeaders(as), ...extraHeaders };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await started.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload }) });
    // A JSON answer is parsed; any other (an iCalendar feed) is in `text` only.
    const json = response.body !== '' && String(response.headers['content-type'] ?? 'application/json').includes('json');
    return {
      status: response.statusCode,
      body: json ? JSON.parse(response.body) : undefined,
      text: response.body,
      headers: response.headers,
    };
  };
  return { ...started, call };
}

/** The error body the API sends, reduced to what tests compare. */
export const errorOf = (reply: Reply) => ({ status: reply.status, code: reply.body?.details?.code, field: reply.body?.details?.field });

/**
 * `testApp` on a database lane: SQLite in memory, or a fresh PostgreSQL database of its own.
 * The PostgreSQL database is created asynchronously, so `call` and every `repository`
 * method wait for the app first (the file's code stays the same on both lanes).
 *
 * @example
 * ```ts
 * describe.each(databases())('on $name', (lane) => {
 *   const { call, close } = laneApp(lane);
 *   afterAll(() => close());
 * });
 * ```
 */
export function laneApp(lane: DatabaseLane, options: AppOptions = {}) {
  let started: Promise<ReturnType<typeof testApp>> | undefined;
  const app = () =>
    (started ??=
      lane.name === 'sqlite'
        ? Promise.resolve(testApp(options))
        : freshPostgresDatabase(lane.serverUrl!).then((databaseUrl) => testApp({ ...options, inMemory: false, databaseUrl, poolSize: 4 })));
  // `repository.races.addParticipant(...)` and the like: wait for the app, then run on its repository.
  const repository = new Proxy({} as Repository, {
    get: (_target, storage: string) =>
      new Proxy(
        {},
        {
          get:
            (_inner, method: string) =>
            async (...args: unknown[]) => {
              const storages = (await app()).repository as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
              return storages[storage]![method]!(...args);
            },
        },
      ),
  });
  return {
    call: async (...args: Parameters<ReturnType<typeof testApp>['call']>) => (await app()).call(...args),
    repository,
    started: async (): Promise<App> => app(),
    close: async () => {
      if (started) await (await started).close();
    },
  };
}

type RequiredRaceFields = 'race_id' | 'race_name' | 'race_type' | 'race_subtype' | 'race_date' | 'race_location' | 'created_by';

/**
 * A race as the storage keeps it, for inserting below the API: the fields given, every
 * optional one unset (`null`, or empty lists), created and updated at its race date unless given.
 *
 * @example
 * ```ts
 * await repository.races.insert(storedRace({ race_id: 'race_a', race_name: 'A', race_type: 'run', race_subtype: '5k', race_date, race_location: 'Basel', created_by: 'usr_admin1' }));
 * ```
 */
export function storedRace(race: Pick<StoredRace, RequiredRaceFields> & Partial<StoredRace>): StoredRace {
  return {
    race_description: null,
    race_website_url: null,
    race_image_url: null,
    race_timezone: null,
    race_participant_count: null,
    race_variants: [],
    race_categories: [],
    created_at: race.race_date,
    updated_at: race.race_date,
    ...race,
  };
}

/**
 * The smallest plan a coach can create: one week, one 30-minute easy run on Tuesday, for
 * tests that need a plan to assign rather than a plan to look at.
 *
 * @example
 * ```ts
 * await call('POST', '/training/plans', headCoach, oneWorkoutPlan('Linked'));
 * ```
 */
export function oneWorkoutPlan(name: string) {
  return {
    training_plan_name: name,
    training_plan_type: 'run',
    level: 'basic',
    visibility: 'org',
    weeks: [
      {
        week_number: 1,
        days: {
          tuesday: {
            workout_name: 'Easy run',
            workout_type: 'run',
            blocks: [{ type: 'run', block_length_target: 'duration', block_duration_in_seconds: 1800, block_pace: 'z2' }],
          },
        },
      },
    ],
  };
}
