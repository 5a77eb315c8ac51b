import { astralConfig } from '@astral/eslint-config';

export default astralConfig({
  root: import.meta.dirname,
  documentWalkers: ['src/schema-arbitraries.ts', 'src/check-response.ts', 'src/contract.ts'],
});
