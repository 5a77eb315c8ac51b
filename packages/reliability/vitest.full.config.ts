// `npm run test:reliability`: fuzzing at volume, load, crash durability and graceful
// shutdown over real HTTP against the built API process. Files run one after another so
// the load figures are not skewed by a neighbour. The shared settings are spread rather
// than merged (mergeConfig concatenates arrays): this run has its own include and its own
// JSON report, so it never overwrites the one `npm test`'s summary line reads.
import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedVitestConfig.test,
    include: ['test/full/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: 'test-results/reliability.json' }]],
  },
});
