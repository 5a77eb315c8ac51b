/**
 * Calendar dates in an IANA time zone, with plain date arithmetic: a plan's day is a date
 * (`2026-03-31`), never "start + n × 24 hours", so a daylight-saving change cannot move a
 * workout to another day. Only `startOfDay` turns a date into an instant, asking the zone
 * its offset at that date (twice, as the offset may change within the guess's hours).
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as days since 1970-01-01. */
const toDays = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDays = (days: number): string => new Date(days * DAY_MS).toISOString().slice(0, 10);

/**
 * The date `days` after `date`.
 *
 * @example
 * ```ts
 * addDays('2026-03-28', 2); // "2026-03-30"
 * ```
 */
export function addDays(date: string, days: number): string {
  return fromDays(toDays(date) + days);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDays(to) - toDays(from);
}

/** Whether the date is a Monday (ISO weekday 1). */
export function isMonday(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +2 h). */
function offsetAt(timeZone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a date begins in the zone (its local midnight), in epoch milliseconds.
 *
 * @example
 * ```ts
 * new Date(startOfDay('2026-03-31', 'Europe/Berlin')).toISOString(); // "2026-03-30T22:00:00.000Z" (summer time)
 * ```
 */
export function startOfDay(date: string, timeZone: string): number {
  const midnightUtc = toDays(date) * DAY_MS;
  const guess = midnightUtc - offsetAt(timeZone, midnightUtc);
  return midnightUtc - offsetAt(timeZone, guess);
}

/**
 * Today's date in the zone at an instant.
 *
 * @example
 * ```ts
 * dateIn(Date.parse('2026-03-15T23:30:00Z'), 'Asia/Taipei'); // "2026-03-16"
 * ```
 */
export function dateIn(ms: number, timeZone: string): string {
  return new Date(ms + offsetAt(timeZone, ms)).toISOString().slice(0, 10);
}
