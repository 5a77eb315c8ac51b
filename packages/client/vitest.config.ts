import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// The type tests (`*.test-d.ts`) are compiled by `lint:code` (astral-lint-code type-checks
// tsconfig.json, which includes `test/`): a type that stops failing to compile, or an
// `expectTypeOf` that no longer holds, fails that task. vitest's own typecheck would run the
// same compiler over the same files again (9 s of CPU).
export default mergeConfig(sharedVitestConfig, defineConfig({}));
