// Where the contract and its derived files live, in one place for the package's scripts.
import { fileURLToPath } from 'node:url';

const at = (relative) => fileURLToPath(new URL(relative, import.meta.url));

export const repoRoot = at('../../../');
export const contractEntry = at('../../../openapi/openapi.yaml');
export const lintConfig = at('../../../redocly.yaml');
export const bundleDir = at('../dist/contract/');
export const bundledJson = at('../dist/contract/openapi.json');
export const bundledYaml = at('../dist/contract/openapi.yaml');
export const generatedDir = at('../src/generated/');
