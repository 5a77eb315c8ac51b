// Lints the contract with recommended + the house rules (redocly.yaml), in-process.
// The contract must have zero errors and zero warnings, so any problem fails the task.
import { formatProblems, getTotals, lint, loadConfig } from '@redocly/openapi-core';
import { contractEntry, lintConfig } from './paths.mjs';

const config = await loadConfig({ configPath: lintConfig });
const problems = await lint({ ref: contractEntry, config });
if (problems.length > 0) {
  formatProblems(problems, { format: 'stylish', totals: getTotals(problems), version: '', maxProblems: 500 });
  console.error(`\nopenapi/: ${problems.length} lint problem(s); the contract must have none.`);
  process.exit(1);
}
console.log('openapi/: no lint problems (recommended + house rules)');
