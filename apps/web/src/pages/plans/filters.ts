/**
 * The plan library's filters as the URL carries them (`/plans?training_plan_type=run&level=basic&visibility=system&search=5k`)
 * and as `listTrainingPlans` takes them: the same names, values the contract does not know
 * left out, so a shared link shows the same list.
 */
import type { components, operations } from '@astral/openapi';

export type PlanListQuery = NonNullable<operations['listTrainingPlans']['parameters']['query']>;

export interface PlanFilters {
  training_plan_type?: components['schemas']['TrainingPlanType'];
  level?: components['schemas']['TrainingPlanLevel'];
  visibility?: components['schemas']['TrainingPlanVisibility'];
  search?: string;
}

const known = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The filters a URL's query names. */
export function planFiltersOf(query: URLSearchParams): PlanFilters {
  const filters: PlanFilters = {};
  const type = known(__ASTRAL_PLAN_TYPES__, query.get('training_plan_type'));
  if (type) filters.training_plan_type = type;
  const level = known(__ASTRAL_PLAN_LEVELS__, query.get('level'));
  if (level) filters.level = level;
  const visibility = known(__ASTRAL_PLAN_VISIBILITIES__, query.get('visibility'));
  if (visibility) filters.visibility = visibility;
  const search = query.get('search')?.trim();
  if (search) filters.search = search;
  return filters;
}

/** The library's URL for `filters`. */
export function planListUrl(filters: PlanFilters): string {
  const params = new URLSearchParams();
  for (const name of ['training_plan_type', 'level', 'visibility', 'search'] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `/plans?${text}` : '/plans';
}

/** The `listTrainingPlans` query: the filters, and `summary` since the library shows no weeks. */
export function planListQueryOf(filters: PlanFilters): PlanListQuery {
  return { ...filters, summary: true };
}
