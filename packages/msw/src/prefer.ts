/**
 * The `Prefer` header the mock (Prism) honours, read the same way here, so a test or a
 * page picks any documented response without an override: `Prefer: code=404`,
 * `Prefer: example=sparseTrailRace`, or both.
 */
export interface Preference {
  code?: number;
  example?: string;
}

/**
 * @example
 * ```ts
 * preferenceOf('code=404, example=raceNotFound'); // { code: 404, example: 'raceNotFound' }
 * ```
 */
export function preferenceOf(header: string | null): Preference {
  const preference: Preference = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim()) as [string, string | undefined];
    if (key === 'code' && value && /^\d{3}$/.test(value)) preference.code = Number(value);
    if (key === 'example' && value) preference.example = value;
  }
  return preference;
}
