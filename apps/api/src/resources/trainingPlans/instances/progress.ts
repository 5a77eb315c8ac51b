/**
 * An instance as the API shows it: its end date, its status (`completed` once an active one
 * is past its last day), the week today falls in, and the schedule, every workout on its
 * calendar date in the instance's time zone, each with the linked activity that completed it.
 */
import type { Weekday } from '../model.js';
import { addDays, dateIn, daysBetween, startOfDay } from './calendar-dates.js';
import type { CompletedActivity, ScheduledWorkout, StoredInstance, TrainingPlanInstance } from './model.js';

const weekdays: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Every workout on its date, in date order (rest days left out), with the earliest of the
 * `completed` activities that starts on that date in the instance's time zone.
 */
export function scheduleOf(
  instance: Pick<StoredInstance, 'weeks' | 'start_date' | 'time_zone'>,
  completed: readonly CompletedActivity[] = [],
): ScheduledWorkout[] {
  const completedOn = new Map<string, CompletedActivity>();
  for (const activity of completed) {
    const date = dateIn(Date.parse(activity.start_time), instance.time_zone);
    const known = completedOn.get(date);
    if (!known || Date.parse(activity.start_time) < Date.parse(known.start_time)) completedOn.set(date, activity);
  }
  return instance.weeks.flatMap((week) =>
    weekdays.flatMap((day, index) => {
      const workout = week.days[day];
      if (!workout) return [];
      const date = addDays(instance.start_date, (week.week_number - 1) * 7 + index);
      const startsAt = new Date(startOfDay(date, instance.time_zone)).toISOString().replace('.000Z', 'Z');
      const completedActivityId = completedOn.get(date)?.activity_id ?? null;
      return [
        { week_number: week.week_number, day_of_week: day, date, starts_at: startsAt, workout, completed_activity_id: completedActivityId },
      ];
    }),
  );
}

/**
 * The instance at `nowMs`, with its schedule when `withSchedule` (marked with the `completed`
 * linked activities given).
 *
 * @example
 * ```ts
 * shownInstance(stored, Date.now(), true).current_week; // 1 during the first week
 * ```
 */
export function shownInstance(
  instance: StoredInstance,
  nowMs: number,
  withSchedule: boolean,
  completed: readonly CompletedActivity[] = [],
): TrainingPlanInstance {
  const { weeks, ...fields } = instance;
  const endDate = addDays(instance.start_date, weeks.length * 7 - 1);
  const today = dateIn(nowMs, instance.time_zone);
  const elapsed = daysBetween(instance.start_date, today);
  const within = elapsed >= 0 && daysBetween(today, endDate) >= 0;
  const status = instance.status === 'active' && daysBetween(endDate, today) > 0 ? 'completed' : instance.status;
  return {
    ...fields,
    end_date: endDate,
    duration_in_weeks: weeks.length,
    status,
    current_week: within ? Math.floor(elapsed / 7) + 1 : null,
    ...(withSchedule ? { schedule: scheduleOf(instance, completed) } : {}),
  };
}
