import { astralConfig } from '@astral/eslint-config';

export default astralConfig({ root: import.meta.dirname, documentWalkers: ['src/contract-schemas.ts', 'src/document-schemas.ts'] });
