/**
 * A throwaway PostgreSQL server for tests and benchmarks (Debian's `postgresql`; see
 * `startThrowawayPostgres`), and the vitest global setup that provides one to a suite.
 */
export { ensurePostgres, findPostgresBin, type PostgresAvailability } from './binaries.js';
export { startThrowawayPostgres, type ThrowawayOptions, type ThrowawayPostgres } from './server.js';
