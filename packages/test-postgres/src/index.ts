/**
 * A throwaway PostgreSQL server for tests and benchmarks (Debian's `postgresql`; see
 * `startThrowawayPostgres`), one database per caller on any server (`createDatabase`), and
 * the vitest global setup that provides a server to a suite.
 */
export { ensurePostgres, findPostgresBin, type PostgresAvailability } from './binaries.js';
export { createDatabase } from './databases.js';
export { startThrowawayPostgres, type ThrowawayOptions, type ThrowawayPostgres } from './server.js';
