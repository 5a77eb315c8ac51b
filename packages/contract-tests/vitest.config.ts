// Two projects, one per database lane, each reported by its name (`|sqlite|`, `|postgres|`):
// - sqlite: every file; the sandbox on SQLite in memory, the mock, the msw handlers, drift.
// - postgres: contract.test.ts again (the server suites and their coverage gate), the sandbox
//   and the wrapped APIs on a throwaway PostgreSQL database (`@astral/test-postgres`). The
//   mock, msw and drift files have no database, so they run once.
// Projects do not extend the root (mergeConfig would concatenate `include`); the shared
// settings are spread into each. The "add a resource" proof is its own task
// (vitest.new-resource.config.ts).
import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

const { reporters, include, ...shared } = sharedVitestConfig.test!;

export default defineConfig({
  test: {
    reporters,
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include,
          exclude: ['test/new-resource/**', '**/node_modules/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['test/contract.test.ts'],
          globalSetup: ['@astral/test-postgres/vitest-setup', 'test/support/global-setup.ts'],
        },
      },
    ],
  },
});
