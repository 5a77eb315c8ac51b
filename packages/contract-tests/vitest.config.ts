import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      // The mock and the sandbox start once for the whole run, on free ports.
      globalSetup: ['test/support/global-setup.ts'],
    },
  }),
);
