import type { components } from '@astral/openapi';

declare global {
  /** The contract's `RaceType` enum, put in by Vite at build time (`src/contract-values.mjs`). */
  const __ASTRAL_RACE_TYPES__: Array<components['schemas']['RaceType']>;
  /** The contract's unit systems, put in by Vite at build time. */
  const __ASTRAL_UNIT_SYSTEMS__: Array<components['schemas']['UserPreferences']['unit_system']>;
}
