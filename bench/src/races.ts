/** What the suites need to know of the reference API's data before they measure it. */

/** The development credentials every suite sends (the seed's athlete). */
export const AUTH = { authorization: 'Bearer dev-athlete-token' };

/**
 * The ID of the first race a server lists, to address `GET /races/{race_id}`.
 *
 * @example
 * ```ts
 * const raceId = await firstRaceId(api.origin); // "race_..."
 * ```
 */
export async function firstRaceId(origin: string): Promise<string> {
  const response = await fetch(`${origin}/api/v1/races?limit=1`, { headers: AUTH });
  const list = (await response.json()) as { data?: Array<{ race_id: string }> };
  const raceId = list.data?.[0]?.race_id;
  if (!raceId) throw new Error(`${origin} listed no race (status ${response.status})`);
  return raceId;
}
