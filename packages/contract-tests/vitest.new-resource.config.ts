// `test:new-resource` (run by `npm test` alongside `test`, see turbo.json): the "add a
// resource" proof in test/new-resource/. Its own task because it builds a copy of the
// workspace (40-60 s on a shared 2-core machine) and needs neither the mock nor the
// sandbox the contract tests start. The shared settings are spread rather than merged
// (mergeConfig concatenates arrays): this run has its own include and its own JSON report,
// which scripts/test-summary.mjs counts (test-results/vitest-<task>.json).
import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedVitestConfig.test,
    include: ['test/new-resource/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-new-resource.json' }]],
  },
});
