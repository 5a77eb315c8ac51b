/** Mean Earth radius in metres (the IUGG value rounded; one degree of latitude = 111,194.93 m). */
export const EARTH_RADIUS_M = 6_371_000;

const RADIANS = Math.PI / 180;

/** Great-circle distance in metres between two WGS 84 positions (haversine on a sphere). */
export function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RADIANS;
  const dLon = (lon2 - lon1) * RADIANS;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** FIT stores positions as semicircles: 2^31 of them make 180 degrees. */
const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

export const semicirclesToDegrees = (semicircles: number): number => semicircles / SEMICIRCLES_PER_DEGREE;
/** Clamped to sint32: +180 degrees would be 2^31, one past the largest value FIT can hold. */
export const degreesToSemicircles = (degrees: number): number => Math.min(2 ** 31 - 1, Math.round(degrees * SEMICIRCLES_PER_DEGREE));
