// Where the benchmark finds the repo's parts and writes its scratch files.
import { fileURLToPath } from 'node:url';

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const repoRoot = at('../../');
export const contractSource = at('../../openapi/');
export const contractScripts = at('../../packages/openapi/scripts/');
/** Scratch space inside the repo (git-ignored) so synthetic call sites resolve node_modules. */
export const scratchDir = at('../.scratch/');
export const resultsDir = new URL('../results/', import.meta.url);
