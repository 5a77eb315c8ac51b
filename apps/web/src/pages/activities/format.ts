/** How the activity pages write durations and dates (distances and paces: `src/units.ts`, in the user's units). */

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2730` → `45:30`, `5400` → `1:30:00`. */
export function clock(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A value or an em dash for a metric that is not there (never measured, or not shared). */
export function metric<T>(value: T | null | undefined, write: (value: T) => string): string {
  return value === null || value === undefined ? '—' : write(value);
}

/** An instant as the reader's browser writes a date and time. */
export const when = (instant: string): string => new Date(instant).toLocaleString();
