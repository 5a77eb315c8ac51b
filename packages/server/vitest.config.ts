import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// The type tests (`*.test-d.ts`) are compiled by `test:types` (`tsc -p tsconfig.json`, which
// includes `test/`, and which `test` depends on): a type that stops failing to compile, or an
// `expectTypeOf` that no longer holds, fails that task. vitest's own typecheck ran the same
// compiler over the same files again: 9 s of CPU, more than the whole `test:types`.
export default mergeConfig(sharedVitestConfig, defineConfig({}));
