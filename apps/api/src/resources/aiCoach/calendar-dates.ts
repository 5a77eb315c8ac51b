/** Calendar dates (`YYYY-MM-DD`) as plain dates: arithmetic at UTC midnight, no zone involved. */
import type { DayOfWeek } from './model.js';

const dayMs = 24 * 60 * 60 * 1000;
export const daysOfWeek: readonly DayOfWeek[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * dayMs);
}

export function dayOfWeek(date: string): DayOfWeek {
  // getUTCDay: 0 is Sunday.
  return daysOfWeek[(new Date(toMs(date)).getUTCDay() + 6) % 7]!;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / dayMs);
}

/** The calendar date of an instant in an IANA zone (UTC when none is given). */
export function localDate(instant: string, timeZone: string | null | undefined): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
