// The database lanes the contract tests run on: the `sqlite` project (the sandbox on SQLite
// in memory, plus the mock and the suites that need no database) and the `postgres` project
// (contract.test.ts again, the sandbox and the wrapped APIs on a throwaway PostgreSQL
// database). vitest.config.ts names the projects; the global setup provides the lane.

export type LaneName = 'sqlite' | 'postgres';

/** What the global setup provides: the lane, and why it cannot run here when it cannot. */
export interface Lane {
  name: LaneName;
  /** Set when the lane cannot run on this machine (no PostgreSQL); under CI the setup fails instead. */
  notRun?: string;
  /** The PostgreSQL databases of this run, by use (`sandbox`, and one per wrapped API). */
  databases?: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lane: Lane;
  }
}

/** The databases the postgres lane creates: the sandbox's, and one per wrapped API (support/wrapped-api.ts). */
export const laneDatabases = ['sandbox', 'faults', 'in-flight'] as const;
