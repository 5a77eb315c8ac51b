/** When the seed happens: "now", and the instant its rows were added (90 days before, whole minutes). */
import { formatInstant } from '../domain/time.js';

export const dayMs = 24 * 60 * 60 * 1000;

export interface SeedTime {
  nowMs: number;
  /** When the seeded rows were created and last updated. */
  addedAt: string;
}

/** The seed's time for a database seeded at `now`. */
export function seedTime(now: Date): SeedTime {
  const nowMs = now.getTime();
  // Whole minutes: seeded timestamps read like hand-entered data.
  return { nowMs, addedAt: formatInstant(Math.floor((nowMs - 90 * dayMs) / 60_000) * 60_000) };
}
