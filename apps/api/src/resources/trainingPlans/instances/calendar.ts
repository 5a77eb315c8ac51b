/**
 * An instance's calendar feed: one all-day event per scheduled workout, on its date in the
 * instance's time zone, its blocks written out in the description, written by the shared
 * iCalendar module (`calendar/write-calendar.ts`). UIDs are the instance and the day, so a
 * refreshed feed updates its events; the stamp is the instance's last change, so the feed is
 * the same bytes until something changes.
 */
import { writeCalendar } from '../../../calendar/write-calendar.js';
import type { ContentBlock } from '../model.js';
import type { StoredInstance } from './model.js';
import { scheduleOf } from './progress.js';

/** One block in words: `run: 400 m at z5`, `2 × [run: 400 m at z5; recovery-run: 90 s at z1]`. */
export function describeBlock(block: ContentBlock): string {
  if (block.type === 'interval') return `${block.block_repeat ?? 1} × [${(block.blocks ?? []).map(describeBlock).join('; ')}]`;
  const length =
    block.block_length_target === 'duration' ? `${block.block_duration_in_seconds ?? '?'} s` : `${block.block_distance_in_meters ?? '?'} m`;
  return `${block.type}: ${length} at ${block.block_pace ?? 'z?'}`;
}

/**
 * The feed of an instance.
 *
 * @example
 * ```ts
 * instanceCalendar(instance).startsWith('BEGIN:VCALENDAR'); // true
 * ```
 */
export function instanceCalendar(instance: StoredInstance): string {
  return writeCalendar({
    name: instance.training_plan_name,
    timeZone: instance.time_zone,
    stamp: new Date(instance.updated_at),
    events: scheduleOf(instance).map((item) => ({
      uid: `${instance.plan_instance_id}-w${item.week_number}-${item.day_of_week}@astral`,
      date: item.date,
      summary: item.workout.workout_name,
      description: item.workout.blocks.map(describeBlock).join('\n'),
    })),
  });
}
