import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// `test:build-cache`: a cold and two warm builds of a copy of the repository take minutes on
// two cores, so they are a turbo task of their own, which `test` depends on. Its report sits
// beside the `test` task's, for scripts/test-summary.mjs. (Spread, not mergeConfig: merging
// would add to the shared include and reporters instead of replacing them.)
export default defineConfig({
  ...sharedVitestConfig,
  test: {
    ...sharedVitestConfig.test,
    include: ['test/build-cache.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-build-cache.json' }]],
  },
});
