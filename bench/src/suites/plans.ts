// Training plans: reading a whole 16-week plan (GET /training/plans/{training_plan_id}: weeks,
// days, workouts and nested blocks) and generating one (POST /ai-coach/generate-plan, the
// rule-based generator), each against bare node:http answering the same bytes, on SQLite (a
// file, synchronous=FULL) and PostgreSQL (durable). The plan is what the AI coach generates
// for 16 weeks of four runs, stored as a coach would store it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThrowawayPostgres } from '@astral/test-postgres';
import { startChildServer, type RunningServer } from '../child-server.js';
import { compareLoad, type LoadOptions } from '../load.js';
import { row, type ResultRow } from '../report.js';

const SUITE = 'Training plans (reference API, production mode; SQLite on a file, synchronous=FULL; PostgreSQL durable)';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;
/** The seeded head coach: the AI coach and plan creation are coaches' operations. */
const COACH = { authorization: 'Bearer dev-coach-token' };
const WEEKS = 16;

/** The Monday of the week after next, as the generator's `start_date`. */
function nextMonday(): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 7 + ((8 - day.getUTCDay()) % 7));
  return day.toISOString().slice(0, 10);
}

async function post<T = unknown>(origin: string, path: string, body: unknown): Promise<{ json: T; bytes: Buffer }> {
  const response = await fetch(origin + path, {
    method: 'POST',
    headers: { ...COACH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${bytes.toString().slice(0, 300)}`);
  return { json: JSON.parse(bytes.toString()) as T, bytes };
}

/** A 16-week plan generated and stored through the API; its id and the generation request. */
async function storedPlan(origin: string): Promise<{ planId: string; planRequest: object }> {
  const request = {
    weeks: WEEKS,
    level: 'intermediate',
    start_date: nextMonday(),
    workout_days: ['tuesday', 'thursday', 'saturday', 'sunday'],
  };
  const draft = await post<{ data: { draft: string } }>(origin, '/api/v1/ai-coach/generate-draft', request);
  const planRequest = { ...request, refined_draft: draft.json.data.draft };
  const generated = await post<{ data: { training_plan: object } }>(origin, '/api/v1/ai-coach/generate-plan', planRequest);
  const created = await post<{ training_plan_id: string }>(origin, '/api/v1/training/plans', generated.json.data.training_plan);
  return { planId: created.json.training_plan_id, planRequest };
}

const options = (server: RunningServer, fields: Partial<LoadOptions>): LoadOptions => ({
  url: server.origin,
  serverPid: server.child.pid,
  headers: COACH,
  expectStatus: 200,
  seconds: SECONDS,
  ...fields,
});

export async function runPlansSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'astral-bench-plans-'));
  const postgres = await startThrowawayPostgres({ durable: true, log });
  const servers: RunningServer[] = [];
  const start = async (script: string, env: Record<string, string>) => {
    const server = await startChildServer(script, env);
    servers.push(server);
    return server;
  };
  try {
    const sqlite = await start('servers/reference-api.js', {});
    const pg = await start('servers/reference-api.js', { BENCH_DATABASE_URL: await postgres.createDatabase('bench_plans') });
    const onSqlite = await storedPlan(sqlite.origin);
    const onPostgres = await storedPlan(pg.origin);
    const readPath = (planId: string) => `/api/v1/training/plans/${planId}`;
    const read = await fetch(sqlite.origin + readPath(onSqlite.planId), { headers: COACH });
    const readBytes = Buffer.from(await read.arrayBuffer());
    if (read.status !== 200) throw new Error(`GET a plan: ${read.status} ${readBytes.toString().slice(0, 300)}`);
    const generatedBytes = (await post(sqlite.origin, '/api/v1/ai-coach/generate-plan', onSqlite.planRequest)).bytes;
    const bareFor = async (name: string, bytes: Buffer) => {
      const file = join(scratch, `${name}.json`);
      await writeFile(file, bytes);
      return start('servers/bare-http.js', { BENCH_BODY_FILE: file, BENCH_STATUS: '200' });
    };
    const bareRead = await bareFor('read', readBytes);
    const bareGenerate = await bareFor('generate', generatedBytes);
    const generate = (server: RunningServer, body: object): Partial<LoadOptions> => ({
      url: `${server.origin}/api/v1/ai-coach/generate-plan`,
      method: 'POST',
      body: JSON.stringify(body),
    });

    const results = await compareLoad(ROUNDS, {
      readSqlite: options(sqlite, { url: sqlite.origin + readPath(onSqlite.planId) }),
      readPg: options(pg, { url: pg.origin + readPath(onPostgres.planId) }),
      readBare: options(bareRead, { url: bareRead.origin + readPath(onSqlite.planId) }),
      generateSqlite: options(sqlite, generate(sqlite, onSqlite.planRequest)),
      generatePg: options(pg, generate(pg, onPostgres.planRequest)),
      generateBare: options(bareGenerate, generate(bareGenerate, onSqlite.planRequest)),
    });
    const rows: ResultRow[] = [];
    const kB = (bytes: Buffer) => `${Math.round(bytes.length / 1024)} kB`;
    for (const [what, subject, bytes, variants] of [
      [
        'read',
        `GET /training/plans/{training_plan_id} (a ${WEEKS}-week plan, ${kB(readBytes)})`,
        readBytes,
        [
          ['SQLite', results.readSqlite],
          ['PostgreSQL', results.readPg],
        ],
      ],
      [
        'generate',
        `POST /ai-coach/generate-plan (${WEEKS} weeks, four runs a week, ${kB(generatedBytes)} answered)`,
        generatedBytes,
        [
          ['SQLite', results.generateSqlite],
          ['PostgreSQL', results.generatePg],
        ],
      ],
    ] as const) {
      const bare = what === 'read' ? results.readBare : results.generateBare;
      for (const [database, result] of variants) {
        rows.push(
          row({
            suite: SUITE,
            subject: `reference API on ${database}, ${subject}`,
            baseline: 'bare node:http, same bytes',
            metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
            unit: 'req/s',
            value: result.requestsPerSecond,
            baselineValue: bare.requestsPerSecond,
            note: `server CPU ${Math.round(result.cpuPerRequest ?? NaN)} µs/request (node:http ${Math.round(bare.cpuPerRequest ?? NaN)}); p99 ${result.p99} ms; ${bytes.length} bytes`,
          }),
        );
        log(
          `plans: ${what} on ${database} ${Math.round(result.requestsPerSecond)} req/s vs node:http ${Math.round(bare.requestsPerSecond)}`,
        );
      }
    }
    return rows;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await postgres.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
