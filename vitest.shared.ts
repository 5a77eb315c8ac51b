// Vitest settings every workspace shares. Each run also writes a JSON report to
// test-results/vitest.json (a turbo output, so cached runs restore it) for the one-line
// total that scripts/test-summary.mjs prints after `npm test`.
import { defineConfig } from 'vitest/config';

export const sharedVitestConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A hang guard, not a speed claim: turbo runs the suites side by side on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
