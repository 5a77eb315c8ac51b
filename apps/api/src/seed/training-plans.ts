/**
 * The seeded training plans: two `system` plans (the platform's), one `org` plan of the
 * seeded organization's head coach, and one active instance of the first system plan for the
 * development athlete, from the Monday of the current week in her time zone (Asia/Taipei), so
 * `current_week` is 1 on a fresh start; her seeded activities within it are linked to it
 * (`linkToInstances`).
 */
import type { StoredInstance } from '../resources/trainingPlans/instances/model.js';
import { addDays, dateIn } from '../resources/trainingPlans/instances/calendar-dates.js';
import type { PlanWeek, PlanWorkout, StoredPlan } from '../resources/trainingPlans/model.js';
import { seedIds } from './identities.js';
import type { SeedTime } from './time.js';

const easy = (minutes: number): PlanWorkout => ({
  workout_name: `Easy ${minutes} min`,
  workout_type: 'run',
  workout_sub_type: 'easy-run',
  target_distance_in_meters: null,
  target_duration_in_seconds: minutes * 60,
  blocks: [{ type: 'run', block_length_target: 'duration', block_duration_in_seconds: minutes * 60, block_pace: 'z2' }],
});
const intervals = (repeats: number): PlanWorkout => ({
  workout_name: `${repeats} x 400 m`,
  workout_type: 'run',
  workout_sub_type: 'interval-run',
  target_distance_in_meters: null,
  target_duration_in_seconds: null,
  blocks: [
    { type: 'warm-up', block_length_target: 'duration', block_duration_in_seconds: 600, block_pace: 'z1' },
    {
      type: 'interval',
      block_repeat: repeats,
      blocks: [
        { type: 'run', block_length_target: 'distance', block_distance_in_meters: 400, block_pace: 'z5' },
        { type: 'recovery-run', block_length_target: 'duration', block_duration_in_seconds: 90, block_pace: 'z1' },
      ],
    },
    { type: 'cool-down', block_length_target: 'duration', block_duration_in_seconds: 600, block_pace: 'z1' },
  ],
});
const weeks = (count: number, week: (n: number) => PlanWeek['days']): PlanWeek[] =>
  Array.from({ length: count }, (_, i) => ({ week_number: i + 1, days: week(i + 1) }));

/** The seeded plans and the development athlete's instance. */
export function seedTrainingPlans({ nowMs, addedAt }: SeedTime): { plans: StoredPlan[]; planInstances: StoredInstance[] } {
  const plan = (fields: Omit<StoredPlan, 'created_at' | 'updated_at' | 'duration_in_weeks'>): StoredPlan => ({
    ...fields,
    duration_in_weeks: fields.weeks.length,
    created_at: addedAt,
    updated_at: addedAt,
  });
  const system = { visibility: 'system', org_id: null, owner_id: null, coach_name: null, cover_image_url: null } as const;
  const first5k = plan({
    ...system,
    training_plan_id: 'plan_sys5k',
    training_plan_name: 'First 5K',
    training_plan_description: 'Eight weeks from easy running to a continuous 5 km, with one short interval session a week.',
    training_plan_type: 'run',
    level: 'basic',
    workout_days: ['monday', 'wednesday', 'saturday'],
    weeks: weeks(8, (n) => ({ monday: easy(20 + n), wednesday: intervals(3 + Math.floor(n / 2)), saturday: easy(25 + 2 * n) })),
  });
  const halfBase = plan({
    ...system,
    training_plan_id: 'plan_syshalfbase',
    training_plan_name: 'Half marathon base',
    training_plan_description: 'Twelve weeks of aerobic base before a half marathon block.',
    training_plan_type: 'run',
    level: 'intermediate',
    workout_days: ['tuesday', 'thursday', 'sunday'],
    weeks: weeks(12, (n) => ({ tuesday: easy(35 + n), thursday: intervals(6), sunday: easy(60 + 3 * n) })),
  });
  const clubPlan = plan({
    training_plan_id: 'plan_alpinespring',
    training_plan_name: 'Alpine Club spring block',
    training_plan_description: "The club's four-week spring block.",
    training_plan_type: 'run',
    level: 'advanced',
    visibility: 'org',
    org_id: seedIds.organization,
    owner_id: seedIds.headCoach,
    coach_name: 'Elena Brandt',
    cover_image_url: null,
    workout_days: ['tuesday', 'saturday'],
    weeks: weeks(4, () => ({ tuesday: intervals(8), saturday: easy(75) })),
  });
  const timeZone = 'Asia/Taipei';
  const today = dateIn(nowMs, timeZone);
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const instance: StoredInstance = {
    plan_instance_id: 'pli_mayafirst5k',
    training_plan_id: first5k.training_plan_id,
    training_plan_name: first5k.training_plan_name,
    athlete_id: seedIds.athlete,
    org_id: null,
    group_id: null,
    assigned_by: seedIds.admin,
    start_date: monday,
    time_zone: timeZone,
    status: 'active',
    weeks: first5k.weeks,
    created_at: addedAt,
    updated_at: addedAt,
  };
  return { plans: [first5k, halfBase, clubPlan], planInstances: [instance] };
}

/**
 * The seeded activities with those of an instance's athlete that fall within it (by their
 * date in the instance's time zone) linked to it, so the instance shows completed workouts.
 */
export function linkToInstances<Seeded extends { activity: { user_id: string; start_ms: number; plan_instance_id: string | null } }>(
  activities: Seeded[],
  instances: readonly StoredInstance[],
): Seeded[] {
  return activities.map((seeded) => {
    const { activity } = seeded;
    const instance = instances.find((candidate) => {
      if (candidate.athlete_id !== activity.user_id) return false;
      const date = dateIn(activity.start_ms, candidate.time_zone);
      return date >= candidate.start_date && date <= addDays(candidate.start_date, candidate.weeks.length * 7 - 1);
    });
    return instance ? { ...seeded, activity: { ...activity, plan_instance_id: instance.plan_instance_id } } : seeded;
  });
}
