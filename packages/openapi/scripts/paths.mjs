// Where the contract and its derived files live, in one place for the package's scripts.
// ASTRAL_CONTRACT_ENTRY and ASTRAL_CONTRACT_OUT point the same scripts at another
// contract and output folder: the scale benchmark runs them on synthetic contracts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const at = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const outDir = process.env.ASTRAL_CONTRACT_OUT;

export const repoRoot = at('../../../');
export const contractEntry = process.env.ASTRAL_CONTRACT_ENTRY ?? at('../../../openapi/openapi.yaml');
export const lintConfig = at('../../../redocly.yaml');
export const bundleDir = outDir ? join(outDir, 'contract/') : at('../dist/contract/');
/** The published bundle (redocly.yaml's `published` API: no `x-internal` parts): docs readers, client generators. */
export const bundledJson = join(bundleDir, 'openapi.json');
export const bundledYaml = join(bundleDir, 'openapi.yaml');
/** The development bundle (everything): the mock, the sandbox, the try-it console, `npm start`'s docs. */
export const developmentBundleDir = join(bundleDir, 'development/');
export const developmentJson = join(developmentBundleDir, 'openapi.json');
export const developmentYaml = join(developmentBundleDir, 'openapi.yaml');
export const generatedDir = outDir ? join(outDir, 'generated/') : at('../src/generated/');
