// Values the pages offer as choices, read from the bundled contract when the app is built,
// so a new race type in the contract shows up in the filter with no edit here. Vite puts
// them into the bundle as constants (`define`); the page never downloads the contract.
import { contract } from '@astral/openapi/contract';

/** `define` entries for vite.config.ts and vitest.config.ts. */
export function contractValues() {
  const schemas = contract.components.schemas;
  return {
    __ASTRAL_RACE_TYPES__: JSON.stringify(schemas.RaceType.enum),
    __ASTRAL_UNIT_SYSTEMS__: JSON.stringify(schemas.UserPreferences.properties.unit_system.enum),
  };
}
