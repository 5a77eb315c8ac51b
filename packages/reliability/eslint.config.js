import { astralConfig } from '@astral/eslint-config';

export default astralConfig({
  root: import.meta.dirname,
  documentWalkers: ['src/schema-arbitraries.ts', 'src/contract.ts'],
});
