import { defineConfig, mergeConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { sharedVitestConfig } from '../../vitest.shared.js';
import { contractValues } from './src/contract-values.mjs';

// Component tests run in happy-dom on @astral/msw (each file says so in its first line);
// the end-to-end test starts the sandbox, the mail catcher and Chromium, so files run one
// after another to keep them from competing for the machine's two cores.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ plugins: [react()], define: contractValues(), test: { include: ['test/**/*.test.{ts,tsx}'], fileParallelism: false } }),
);
