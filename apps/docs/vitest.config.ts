import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// The browser and `npm start` tests each start processes on free ports; running the files
// one after another keeps them from competing for the machine's two cores.
export default mergeConfig(sharedVitestConfig, defineConfig({ test: { fileParallelism: false } }));
