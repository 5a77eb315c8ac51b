// Values the pages offer as choices (and a bound a form states), and the permission matrix, read from the
// bundled contract when the app is built, so a new race type, role or permission row in the
// contract shows up with no edit here. Vite puts them into the bundle as constants
// (`define`); the page never downloads the contract.
import { operationTable } from '@astral/openapi';
import { contract, operationObject } from '@astral/openapi/contract';

/** Every operation's `x-astral-permissions` row (caller column to permission), for those that have one. */
export function permissionMatrix() {
  const matrix = {};
  for (const operationId of Object.keys(operationTable)) {
    const row = operationObject(operationId).operation?.['x-astral-permissions'];
    if (row) matrix[operationId] = row;
  }
  return matrix;
}

/** How deep content blocks nest: the contract's `x-astral-max-depth` on `ContentBlock` (the build stops without it). */
export function blockMaxDepth(schema) {
  const depth = schema?.['x-astral-max-depth'];
  if (!Number.isInteger(depth) || depth < 1) throw new Error('ContentBlock has no x-astral-max-depth in the contract');
  return depth;
}

/** `define` entries for vite.config.ts and vitest.config.ts. */
export function contractValues() {
  const schemas = contract.components.schemas;
  return {
    __ASTRAL_RACE_TYPES__: JSON.stringify(schemas.RaceType.enum),
    __ASTRAL_UNIT_SYSTEMS__: JSON.stringify(schemas.UserPreferences.properties.unit_system.enum),
    __ASTRAL_ORGANIZATION_ROLES__: JSON.stringify(schemas.OrganizationRole.enum),
    __ASTRAL_MEMBER_STATUSES__: JSON.stringify(schemas.MemberStatus.enum),
    __ASTRAL_GROUP_PRIVACIES__: JSON.stringify(schemas.GroupPrivacy.enum),
    __ASTRAL_ACTIVITY_TYPES__: JSON.stringify(schemas.ActivityType.enum),
    __ASTRAL_ACTIVITY_STATUSES__: JSON.stringify(schemas.ActivityStatus.enum),
    __ASTRAL_ACTIVITY_SOURCES__: JSON.stringify(schemas.ActivitySource.enum),
    __ASTRAL_ACTIVITY_MAX_DURATION__: JSON.stringify(schemas.ActivityDuration.maximum),
    __ASTRAL_PLAN_TYPES__: JSON.stringify(schemas.TrainingPlanType.enum),
    __ASTRAL_PLAN_LEVELS__: JSON.stringify(schemas.TrainingPlanLevel.enum),
    __ASTRAL_PLAN_VISIBILITIES__: JSON.stringify(schemas.TrainingPlanVisibility.enum),
    __ASTRAL_WEEKDAYS__: JSON.stringify(schemas.Weekday.enum),
    __ASTRAL_PLAN_VISIBILITY_SETTINGS__: JSON.stringify(schemas.TrainingPlanVisibilitySetting.enum),
    __ASTRAL_WORKOUT_TYPES__: JSON.stringify(schemas.WorkoutType.enum),
    __ASTRAL_BLOCK_TYPES__: JSON.stringify(schemas.ContentBlockType.enum),
    __ASTRAL_BLOCK_PACES__: JSON.stringify(schemas.BlockPace.enum),
    __ASTRAL_BLOCK_MAX_DEPTH__: JSON.stringify(blockMaxDepth(schemas.ContentBlock)),
    __ASTRAL_DRAFT_LEVELS__: JSON.stringify(schemas.PlanDraftRequest.properties.level.enum),
    __ASTRAL_NEW_PASSWORD_LENGTH__: JSON.stringify({ min: schemas.NewPassword.minLength, max: schemas.NewPassword.maxLength }),
    __ASTRAL_PERMISSIONS__: JSON.stringify(permissionMatrix()),
  };
}
