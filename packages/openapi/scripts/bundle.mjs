// One bundling step for the build and for the breaking-change check (which bundles the
// contract at another commit): Redocly's bundler in-process, then the derived error
// examples, so both sides of a comparison are bundled alike.
import { bundle, loadConfig } from '@redocly/openapi-core';
import { register } from 'tsx/esm/api';

// The contract reader is TypeScript (src/reader/); tsx runs it before it is compiled.
register();
const { withErrorExamples } = await import('../src/reader/index.ts');

/**
 * Bundles the contract at `entry` with the lint config at `configPath`; exits on errors.
 * @example
 * const document = await bundleContract('openapi/openapi.yaml', 'redocly.yaml');
 */
export async function bundleContract(entry, configPath) {
  const config = await loadConfig({ configPath });
  const { bundle: result, problems } = await bundle({ ref: entry, config });
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    for (const problem of errors) console.error(`${problem.ruleId}: ${problem.message}`);
    process.exit(1);
  }
  return withErrorExamples(result.parsed);
}
