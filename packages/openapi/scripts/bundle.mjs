// One bundling step for the build and for the breaking-change check (which bundles the
// contract at another commit): Redocly's bundler in-process, with the decorators of one of
// redocly.yaml's `apis` (`published`: remove-x-internal; `development`: none), then the
// derived error examples, so both sides of a comparison are bundled alike.
import { bundle, getMergedConfig, loadConfig } from '@redocly/openapi-core';
import { register } from 'tsx/esm/api';

// The contract reader is TypeScript (src/reader/); tsx runs it before it is compiled.
register();
const { withErrorExamples } = await import('../src/reader/index.ts');

/**
 * Bundles the contract at `entry` with the lint config at `configPath`, decorated as that
 * config's API `api` says (a config without that API: its root decorators); exits on errors.
 * @example
 * const published = await bundleContract('openapi/openapi.yaml', 'redocly.yaml', 'published');
 */
export async function bundleContract(entry, configPath, api) {
  const loaded = await loadConfig({ configPath });
  const config = api && loaded.apis?.[api] ? getMergedConfig(loaded, api) : loaded;
  const { bundle: result, problems } = await bundle({ ref: entry, config });
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    for (const problem of errors) console.error(`${problem.ruleId}: ${problem.message}`);
    process.exit(1);
  }
  return withErrorExamples(result.parsed);
}
