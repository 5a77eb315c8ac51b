import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      // The "add a resource" proof is its own task (vitest.new-resource.config.ts).
      exclude: ['test/new-resource/**', '**/node_modules/**'],
      // The mock and the sandbox start once for the whole run, on free ports.
      globalSetup: ['test/support/global-setup.ts'],
    },
  }),
);
