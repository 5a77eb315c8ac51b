import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// The PostgreSQL lane: DATABASE_URL when given, else a throwaway server for the run.
export default mergeConfig(sharedVitestConfig, defineConfig({ test: { globalSetup: ['@astral/test-postgres/vitest-setup'] } }));
