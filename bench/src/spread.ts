// Reads spread over many races, so that no cache (the database's pages, the API's statement
// and principal caches) sees only one hot row: the seeded catalogue, then a generated one of
// CATALOGUE races added through the API itself.
import autocannon from 'autocannon';
import { AUTH } from './races.js';

/** The size of the generated catalogue (issue 31: 10,000 races). */
export const CATALOGUE = Number(process.env.BENCH_CATALOGUE ?? 10_000);

/**
 * Every race ID the API lists, paging with its cursor (100 a page).
 * @example
 * const ids = await allRaceIds(api.origin); // ["race_...", ...]
 */
export async function allRaceIds(origin: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await fetch(`${origin}/api/v1/races?${query}`, { headers: AUTH });
    const page = (await response.json()) as { data: Array<{ race_id: string }>; metadata: { next_cursor: string | null } };
    ids.push(...page.data.map((race) => race.race_id));
    cursor = page.metadata.next_cursor;
  } while (cursor);
  return ids;
}

const TYPES = ['run', 'bike', 'swim', 'triathlon', 'walk', 'hike'];

/**
 * Adds `count` races through `POST /races` (10 connections), dated over five years so the
 * lists spread too; fails loudly if one is refused.
 */
export async function generateCatalogue(origin: string, count: number): Promise<void> {
  let n = 0;
  let refused = 0;
  const result = await autocannon({
    url: `${origin}/api/v1/races`,
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    connections: 10,
    amount: count,
    requests: [
      {
        setupRequest: (request: autocannon.Request) => {
          const i = n++;
          return {
            ...request,
            body: JSON.stringify({
              race_name: `Catalogue Race ${i}`,
              race_type: TYPES[i % TYPES.length],
              race_subtype: 'marathon',
              race_date: new Date(Date.UTC(2027, 0, 1) + (i % 1826) * 86_400_000).toISOString().replace('.000Z', 'Z'),
              race_location: `Town ${i % 500}, Testland`,
              race_variants: ['Marathon', '10K'],
            }),
          };
        },
      },
    ],
    setupClient: (client: autocannon.Client) => {
      client.on('response', (status: number) => {
        if (status !== 201) refused++;
      });
    },
  });
  if (refused > 0 || result.errors > 0)
    throw new Error(`${origin}: ${refused} races refused, ${result.errors} errors while generating the catalogue`);
}

/** A path generator cycling through `ids` in a shuffled order (every race read, none twice in a row). */
export function spreadPaths(ids: readonly string[]): () => string {
  const order = [...ids];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let next = 0;
  return () => `/api/v1/races/${order[next++ % order.length]}`;
}
