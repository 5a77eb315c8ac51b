import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// The type tests (`*.test-d.ts`) are compiled by `test:types` (`tsc -p tsconfig.json`, which
// includes `test/`, and which `test` depends on), not a second time by vitest's typecheck.
export default mergeConfig(sharedVitestConfig, defineConfig({}));
