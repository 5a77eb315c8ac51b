// Bundles the split contract (openapi/) into one YAML and one JSON document that every
// consumer reads. Runs Redocly's bundler in-process: one start-up instead of one per format.
import { mkdir, writeFile } from 'node:fs/promises';
import { bundle, loadConfig } from '@redocly/openapi-core';
import { stringify } from 'yaml';
import { bundleDir, bundledJson, bundledYaml, contractEntry, lintConfig } from './paths.mjs';

const config = await loadConfig({ configPath: lintConfig });
const { bundle: result, problems } = await bundle({ ref: contractEntry, config });
const errors = problems.filter((problem) => problem.severity === 'error');
if (errors.length > 0) {
  for (const problem of errors) console.error(`${problem.ruleId}: ${problem.message}`);
  process.exit(1);
}
const document = result.parsed;
await mkdir(bundleDir, { recursive: true });
await Promise.all([
  writeFile(bundledJson, `${JSON.stringify(document, null, 2)}\n`),
  writeFile(bundledYaml, stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })),
]);
console.log(`bundled ${Object.keys(document.paths).length} paths into dist/contract/openapi.{json,yaml}`);
