import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// `test:build-cache`: three builds of a copy of the repository and npm start's rebuilds take a
// minute or more on two cores, so they are a turbo task of their own, run beside `test`. Its report sits
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
