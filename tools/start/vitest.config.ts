import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// npm start's tests start servers on free ports and build in copies of the repository:
// one file after another, so they do not compete for the machine's two cores. The build
// cache test is its own turbo task (test:build-cache, vitest.build-cache.config.ts).
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { fileParallelism: false, exclude: [...configDefaults.exclude, 'test/build-cache.test.ts'] } }),
);
