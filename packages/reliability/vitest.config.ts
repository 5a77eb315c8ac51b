// `npm test`: the fast checks, in-process through app.inject (no sockets, seconds). The
// reference-API suites run on SQLite and on PostgreSQL (test/support/lanes.ts), the latter
// on a throwaway server from the global setup (DATABASE_URL when given).
// mergeConfig concatenates arrays, so the slow suite is excluded rather than re-included.
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { exclude: ['test/full/**', '**/node_modules/**'], globalSetup: ['@astral/test-postgres/vitest-setup'] } }),
);
