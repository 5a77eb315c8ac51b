// `npm test`: the fast checks, in-process through app.inject (no sockets, seconds).
// mergeConfig concatenates arrays, so the slow suite is excluded rather than re-included.
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(sharedVitestConfig, defineConfig({ test: { exclude: ['test/full/**', '**/node_modules/**'] } }));
