// The repository root's own files (scripts/, the config files). Every workspace folder
// listed in package.json `workspaces` has its own eslint.config.js; ESLint uses the one
// nearest to each file.
import { readFileSync } from 'node:fs';
import { astralRootConfig } from '@astral/eslint-config';

const { workspaces } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));

export default astralRootConfig({ root: import.meta.dirname, workspaces });
