// Vitest settings every workspace shares. Each run also writes a JSON report to
// test-results/vitest.json (a turbo output, so cached runs restore it) for the one-line
// total that scripts/test-summary.mjs prints after `npm test`.
import { defineConfig } from 'vitest/config';

export const sharedVitestConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A hang guard, not a speed claim: turbo runs the suites side by side on 2 cores.
    testTimeout: 60_000,
    // Hooks start servers, databases and Chromium: beside the other suites on two cores a
    // start took past 60 s in CI (apps/web e2e), so hooks get three minutes.
    hookTimeout: 180_000,
    // Test files share their worker's module graph instead of importing Fastify, Prism, the
    // contract and the compiled validators again for each file: the import phase was about a
    // third of the API suite's CPU. Every file builds its own apps, databases and servers,
    // so nothing a test relies on is shared; only code and compiled schemas are.
    isolate: false,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
