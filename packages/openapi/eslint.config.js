import { astralConfig } from '@astral/eslint-config';

export default astralConfig({ root: import.meta.dirname, documentWalkers: ['src/reader/**', 'src/contract.ts'] });
