import type { components, OperationId } from '@astral/openapi';

declare global {
  /** The contract's `RaceType` enum, put in by Vite at build time (`src/contract-values.mjs`). */
  const __ASTRAL_RACE_TYPES__: Array<components['schemas']['RaceType']>;
  /** The contract's unit systems, put in by Vite at build time. */
  const __ASTRAL_UNIT_SYSTEMS__: Array<components['schemas']['UserPreferences']['unit_system']>;
  /** The contract's `OrganizationRole` enum. */
  const __ASTRAL_ORGANIZATION_ROLES__: Array<components['schemas']['OrganizationRole']>;
  /** The contract's `MemberStatus` enum. */
  const __ASTRAL_MEMBER_STATUSES__: Array<components['schemas']['MemberStatus']>;
  /** The contract's `GroupPrivacy` enum. */
  const __ASTRAL_GROUP_PRIVACIES__: Array<components['schemas']['GroupPrivacy']>;
  /** The contract's `ActivityType` enum. */
  const __ASTRAL_ACTIVITY_TYPES__: Array<components['schemas']['ActivityType']>;
  /** The contract's `ActivityStatus` enum. */
  const __ASTRAL_ACTIVITY_STATUSES__: Array<components['schemas']['ActivityStatus']>;
  /** The contract's `ActivitySource` enum. */
  const __ASTRAL_ACTIVITY_SOURCES__: Array<components['schemas']['ActivitySource']>;
  /** The longest activity the contract accepts, in seconds (`ActivityDuration.maximum`). */
  const __ASTRAL_ACTIVITY_MAX_DURATION__: number;
  /** The contract's `TrainingPlanType` enum (a plan's sport). */
  const __ASTRAL_PLAN_TYPES__: Array<components['schemas']['TrainingPlanType']>;
  /** The contract's `TrainingPlanLevel` enum. */
  const __ASTRAL_PLAN_LEVELS__: Array<components['schemas']['TrainingPlanLevel']>;
  /** The contract's `TrainingPlanVisibility` enum (`system` included, as the list filter takes it). */
  const __ASTRAL_PLAN_VISIBILITIES__: Array<components['schemas']['TrainingPlanVisibility']>;
  /** The contract's `Weekday` enum, Monday first: the order a plan week's days are shown in. */
  const __ASTRAL_WEEKDAYS__: Array<components['schemas']['Weekday']>;
  /** Who may read a plan, as a request sets it (`TrainingPlanVisibilitySetting`: no `system`). */
  const __ASTRAL_PLAN_VISIBILITY_SETTINGS__: Array<components['schemas']['TrainingPlanVisibilitySetting']>;
  /** The contract's `WorkoutType` enum (a workout's sport). */
  const __ASTRAL_WORKOUT_TYPES__: Array<components['schemas']['WorkoutType']>;
  /** The contract's `ContentBlockType` enum. */
  const __ASTRAL_BLOCK_TYPES__: Array<components['schemas']['ContentBlockType']>;
  /** The contract's `BlockPace` enum, the pace zones. */
  const __ASTRAL_BLOCK_PACES__: Array<components['schemas']['BlockPace']>;
  /** How deep content blocks nest (`x-astral-max-depth` on `ContentBlock`): a workout's blocks are depth 1. */
  const __ASTRAL_BLOCK_MAX_DEPTH__: number;
  /** The AI coach's levels (`PlanDraftRequest.level`: `beginner` where a plan says `basic`). */
  const __ASTRAL_DRAFT_LEVELS__: Array<components['schemas']['PlanDraftRequest']['level']>;
  /** The contract's bounds on a new password's length (`NewPassword`). */
  const __ASTRAL_NEW_PASSWORD_LENGTH__: { min: number; max: number };
  /** Each organization operation's `x-astral-permissions` row, as the contract writes it. */
  const __ASTRAL_PERMISSIONS__: Partial<Record<OperationId, Record<string, string>>>;
}
