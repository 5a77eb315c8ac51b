import { astralConfig } from '@astral/eslint-config';

export default astralConfig({ root: import.meta.dirname });
