/// <reference types="vitest" />
/**
 * A vitest `globalSetup` for suites that run against PostgreSQL: the `DATABASE_URL` the
 * caller gave, else a throwaway server started here and stopped after the run. Where
 * PostgreSQL cannot run at all, it says so loudly and provides no URL, and the suites'
 * PostgreSQL lane reports itself as not run (never a silent pass).
 *
 * @example
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['@astral/test-postgres/vitest-setup'] } });
 * // a test file
 * import { inject } from 'vitest';
 * const url = inject('postgresUrl'); // undefined when the lane cannot run
 * ```
 */
import { startThrowawayPostgres } from './server.js';
import { ensurePostgres } from './binaries.js';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL for this run, or `undefined` where none can run. */
    postgresUrl: string | undefined;
  }
}

const loud = (lines: string[]) => {
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n\n`);
};

export default async function setup({ provide }: Pick<TestProject, 'provide'>) {
  const given = process.env['DATABASE_URL'];
  if (given?.startsWith('postgres')) {
    provide('postgresUrl', given);
    return undefined;
  }
  const found = ensurePostgres((line) => process.stderr.write(`${line}\n`));
  if (!found.bin) {
    loud(['The PostgreSQL lane of these tests did NOT run:', found.reason ?? 'unknown']);
    provide('postgresUrl', undefined);
    return undefined;
  }
  const server = await startThrowawayPostgres();
  provide('postgresUrl', server.url);
  return () => server.stop();
}
