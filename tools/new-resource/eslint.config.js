import { astralConfig } from '@astral/eslint-config';

// templates/ is code for a resource named "Sample Item" that the contract does not have: it
// is linted and type-checked where it lands, by the proof (test/generated-resource.test.ts).
export default astralConfig({ root: import.meta.dirname, ignores: ['templates/**'] });
