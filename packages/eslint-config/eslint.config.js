import { astralConfig } from './index.js';

export default astralConfig({ root: import.meta.dirname });
