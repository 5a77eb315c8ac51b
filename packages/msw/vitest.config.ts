import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// The type tests (`*.test-d.ts`) run under `--typecheck` with the runtime tests, so a type
// that stops failing to compile shows up as a failed test, not only in `test:types`.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    },
  }),
);
