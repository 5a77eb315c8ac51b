// The one ESLint configuration every workspace uses: eslint's and typescript-eslint's
// recommended rules with type information (recommendedTypeChecked), a few stricter rules
// that catch real bugs, and eslint-config-prettier last so that no rule argues with the
// formatter. Every rule switched off or reconfigured here says why, next to it.
//
// Type information comes from the tsconfig.json nearest to each file, found by
// typescript-eslint's project service, so a file that no tsconfig.json includes is an
// error: add it to one (a `scripts/tsconfig.json` with allowJs for plain JavaScript).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, flatConfigs as importConfigs, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Build output, generated code, reports and caches: never linted. */
export const ignoredPaths = [
  '**/node_modules/',
  '**/dist/',
  '**/src/generated/',
  '**/test-results/',
  '**/coverage/',
  '**/.turbo/',
  '**/.data/',
  '**/.scratch/',
];

const javascript = ['**/*.js', '**/*.mjs', '**/*.cjs'];

/** Every file ESLint lints: TypeScript (typescript-eslint's patterns) and JavaScript. */
export const lintedFiles = ['**/*.{ts,tsx,mts,cts}', ...javascript];

/**
 * Config files at a workspace's root that no tsconfig.json includes (eslint.config.js,
 * vitest.config.ts...): linted without type information.
 */
export const configFiles = ['*.config.{js,mjs,cjs,ts,mts,cts}', 'vitest.*.{js,mjs,ts,mts}'];

/**
 * How import-x finds the file an import names: Node's resolution, plus the TypeScript
 * convention of writing `./x.js` for `./x.ts` (without the alias nothing local resolves, and
 * no-cycle silently reports nothing). flatConfigs.typescript's own resolver setting names
 * eslint-import-resolver-typescript, which is not installed; `resolver-next` takes precedence.
 */
const importResolver = createNodeResolver({
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.node'],
  extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
  conditionNames: ['types', 'import', 'default'],
  // Keep a workspace package's path under node_modules (not its real path in packages/), so
  // `ignoreExternal` skips it: no-cycle then never walks into another workspace's dist/.
  symlinks: false,
});

/** Test code: the folders every workspace keeps its tests in, and vitest's type tests. */
const testFiles = ['test/**', '**/*.test.ts', '**/*.test-d.ts'];

/**
 * The ESLint flat config for one workspace, or for the repository root.
 *
 * @param {object} options
 * @param {string} options.root The folder the config file is in (`import.meta.dirname`):
 *   where typescript-eslint starts looking for tsconfig.json files.
 * @param {string[]} [options.ignores] More paths, relative to `root`, never to lint.
 * @param {string[]} [options.documentWalkers] Modules, relative to `root`, whose job is to
 *   walk an OpenAPI or JSON Schema document key by key (see below).
 * @returns {import('eslint').Linter.Config[]}
 * @example
 * // packages/client/eslint.config.js
 * import { astralConfig } from '@astral/eslint-config';
 *
 * export default astralConfig({ root: import.meta.dirname });
 */
export function astralConfig({ root, ignores = [], documentWalkers = [] }) {
  return defineConfig(
    globalIgnores([...ignoredPaths, ...ignores]),
    {
      linterOptions: {
        // A disable comment that no longer suppresses anything is an error, so the
        // exceptions written in the code stay true.
        reportUnusedDisableDirectives: 'error',
        reportUnusedInlineConfigs: 'error',
      },
    },
    js.configs.recommended,
    tseslint.configs.recommendedTypeChecked,
    // import-x: its TypeScript settings (parser per extension, `.ts` files importable), so
    // the cycle rule below sees TypeScript modules at all.
    importConfigs.typescript,
    {
      plugins: { 'import-x': importX },
      settings: { 'import-x/resolver-next': [importResolver] },
      rules: {
        // A module that reaches itself through its imports: its layers are tangled, and at
        // run time one of the modules in the loop sees the others half-initialised.
        // Type-only imports are not followed (they are erased). Packages are not walked
        // (`ignoreExternal`): a cycle is always inside one workspace's own files.
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
      },
    },
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: { projectService: true, tsconfigRootDir: root },
      },
      rules: {
        // --- Added to recommendedTypeChecked: each catches a class of real bug. ---

        // A switch over a union that misses a member (a new error code or principal type
        // in the contract) falls through silently; a `default` still counts as handling.
        '@typescript-eslint/switch-exhaustiveness-check': [
          'error',
          { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
        ],
        // `return promise` inside try/catch/finally skips the catch and runs the finally
        // before the promise settles. Only that case: elsewhere `return await` is style.
        '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
        // Spreading a Promise, a Map, a function or a class instance silently loses data.
        '@typescript-eslint/no-misused-spread': 'error',
        // Deprecated Node, vitest and library APIs: each one is a future breaking upgrade.
        '@typescript-eslint/no-deprecated': 'error',
        // With verbatimModuleSyntax, `import { type A } from 'x'` is emitted as a
        // side-effect import of 'x'; `import type { A }` is erased. (consistent-type-imports
        // is not needed: verbatimModuleSyntax already makes a type-only import without
        // `type` a compile error.)
        '@typescript-eslint/no-import-type-side-effects': 'error',

        // --- recommendedTypeChecked rules, reconfigured or switched off. ---

        // `_`-prefixed names are the house way to drop a field from a copy
        // (`const { secret: _secret, ...rest } = row`) or to keep a positional parameter.
        '@typescript-eslint/no-unused-vars': [
          'error',
          {
            argsIgnorePattern: '^_',
            varsIgnorePattern: '^_',
            caughtErrorsIgnorePattern: '^_',
            destructuredArrayIgnorePattern: '^_',
            ignoreRestSiblings: true,
          },
        ],
        // Off: every finding was an `async` function that implements a Promise-returning
        // interface (repository methods, handlers, token providers) without awaiting.
        // `async` there is deliberate: a throw becomes a rejection instead of a
        // synchronous exception the caller does not expect. Forgotten awaits are caught
        // by no-floating-promises and no-misused-promises instead.
        '@typescript-eslint/require-await': 'off',
        // `AbortSignal.reason` and callback errors are typed `any`; rejecting with them
        // is correct. Same defaults as only-throw-error.
        '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      },
    },
    ...(documentWalkers.length === 0
      ? []
      : [
          {
            // Modules that walk the contract or a JSON Schema key by key (`$ref`s, `paths`,
            // `properties`...) hold `JsonNode` (`any`) on purpose: the document's shape is
            // proved by Redocly and the independent validator, not by TypeScript, and
            // narrowing every step of every walk would add casts, not safety. Each
            // workspace names these modules explicitly; the values they hand out are typed.
            files: documentWalkers,
            rules: {
              '@typescript-eslint/no-unsafe-argument': 'off',
              '@typescript-eslint/no-unsafe-assignment': 'off',
              '@typescript-eslint/no-unsafe-call': 'off',
              '@typescript-eslint/no-unsafe-member-access': 'off',
              '@typescript-eslint/no-unsafe-return': 'off',
            },
          },
        ]),
    {
      // Tests read HTTP replies and parsed JSON (`any`) and hand deliberately wrong values
      // to the code under test (`as any`); the unsafe-any rules would ask for a cast on
      // every assertion without finding bugs. They stay on for src/, where an `any`
      // leaking from the contract reader is a real type hole.
      files: testFiles,
      rules: {
        '@typescript-eslint/no-explicit-any': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
      },
    },
    {
      // Plain JavaScript is not type-checked (checkJs is off), so most values are `any`
      // and the type-aware rules would mostly report that. It still gets the ones that
      // find broken promise handling and bad throws, which need types even in JS (an
      // async request listener that can reject crashed the docs server). The tsconfig
      // that includes a .mjs file needs allowJs.
      files: javascript,
      extends: [tseslint.configs.disableTypeChecked],
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
      rules: {
        '@typescript-eslint/await-thenable': 'error',
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
        '@typescript-eslint/only-throw-error': 'error',
        '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
        '@typescript-eslint/no-implied-eval': 'error',
        '@typescript-eslint/no-for-in-array': 'error',
        '@typescript-eslint/no-array-delete': 'error',
      },
    },
    {
      // Config files outside every tsconfig.json: no type information at all.
      files: configFiles,
      extends: [tseslint.configs.disableTypeChecked],
    },
    prettier,
  );
}

/**
 * The repository root's config: its own files only (scripts/, the config files); each
 * workspace folder listed in package.json `workspaces` is linted by its own config.
 *
 * @param {object} options
 * @param {string} options.root The repository root (`import.meta.dirname`).
 * @param {string[]} options.workspaces The root package.json's `workspaces` globs.
 * @returns {import('eslint').Linter.Config[]}
 * @example
 * // eslint.config.js at the repository root
 * import { readFileSync } from 'node:fs';
 * import { astralRootConfig } from '@astral/eslint-config';
 *
 * const { workspaces } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
 * export default astralRootConfig({ root: import.meta.dirname, workspaces });
 */
export function astralRootConfig({ root, workspaces }) {
  // "packages/*" -> "packages/", "bench" -> "bench/"
  const workspaceFolders = workspaces.map((glob) => `${glob.replace(/\/\*+$/, '')}/`);
  return astralConfig({ root, ignores: workspaceFolders });
}
