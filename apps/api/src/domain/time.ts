/** Instants as the API writes them: RFC 3339 in UTC, milliseconds only when there are some. */

/**
 * Formats epoch milliseconds as `2025-10-05T08:00:00Z` (or `...08:00:00.250Z`).
 *
 * @example
 * ```ts
 * formatInstant(Date.UTC(2025, 9, 5, 8)); // "2025-10-05T08:00:00Z"
 * ```
 */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 date-time (any offset) to epoch milliseconds, or `undefined` when the
 * string does not name a real instant. Stricter than `Date.parse`, which rolls
 * `2026-06-31` over to July 1st. A leap second (`23:59:60`, in UTC, as RFC 3339 allows)
 * is read as `23:59:59`: JavaScript time has no leap seconds.
 *
 * @example
 * ```ts
 * parseInstant('2025-10-05T10:00:00+02:00'); // 1759651200000
 * parseInstant('2016-12-31T23:59:60Z'); // the instant of 2016-12-31T23:59:59Z
 * parseInstant('2026-06-31T00:00:00Z'); // undefined
 * ```
 */
export function parseInstant(value: string): number | undefined {
  const match = rfc3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return undefined;
  if (match[9] !== undefined && (Number(match[9]) > 23 || Number(match[10]) > 59)) return undefined;
  const leap = second === 60;
  const ms = Date.parse((leap ? `${value.slice(0, 17)}59${value.slice(19)}` : value).toUpperCase());
  if (Number.isNaN(ms)) return undefined;
  if (leap) {
    const utc = new Date(ms);
    if (utc.getUTCHours() !== 23 || utc.getUTCMinutes() !== 59) return undefined;
  }
  return ms;
}

/**
 * Whether an instant has a four-digit year in UTC (0000 to 9999), so it can be written
 * back as an RFC 3339 date-time. `9999-12-31T23:59:58-12:45` parses, but is in year
 * 10000 in UTC.
 *
 * @example
 * ```ts
 * isWritableInstant(Date.UTC(2025, 9, 5)); // true
 * ```
 */
export function isWritableInstant(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return year >= 0 && year <= 9999;
}
