import { EARTH_RADIUS_M } from './geo.js';
import type { TrackPoint } from './track-point.js';

export type RouteOptions = {
  /** Same seed, same options: the same points, to the bit (the seed and the tests rely on it). */
  seed: number;
  start: Date;
  distance_m: number;
  pace_s_per_km: number;
  /** Where the loop starts and ends; Berlin's Tiergarten by default. */
  origin?: { lat: number; lon: number };
  /** Seconds between points (1 s: what watches record by default). */
  interval_s?: number;
  /** A stop standing still half-way (traffic lights), points still recorded; 0 for none. Default 45 s. */
  pause_s?: number;
  /** Resting altitude of the loop in metres (it rolls gently about ±12 m around it). Default 40. */
  base_altitude_m?: number;
};

const DEFAULT_ORIGIN = { lat: 52.5145, lon: 13.3501 };

/**
 * A deterministic, realistic run: one closed loop of the requested length through the origin
 * (a wobbly ellipse, so it has corners and a heading that turns), run at the pace with a slow
 * ±4 % rhythm, gentle hills, heart rate drifting up with time and climbs, cadence around 86,
 * GPS noise as a slowly wandering offset of about a metre (real receivers err smoothly, not
 * independently at each fix), and a stop half-way where the points keep coming.
 */
export function generateRoute(options: RouteOptions): TrackPoint[] {
  const random = mulberry32(options.seed);
  const interval = options.interval_s ?? 1;
  const pauseS = options.pause_s ?? 45;
  const baseAltitude = options.base_altitude_m ?? 40;
  const origin = options.origin ?? DEFAULT_ORIGIN;
  const loop = loopShape(options.distance_m, random);
  const speed = 1000 / options.pace_s_per_km;
  const phase = random() * Math.PI * 2;
  const metresPerDegreeLat = (EARTH_RADIUS_M * Math.PI) / 180;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos((origin.lat * Math.PI) / 180);

  const points: TrackPoint[] = [];
  let covered = 0;
  let seconds = 0;
  let paused = 0;
  let noiseX = 0;
  let noiseY = 0;
  let heartRate = 105;
  while (true) {
    const done = covered >= options.distance_m;
    const at = Math.min(covered, options.distance_m);
    const [x, y] = loop(at);
    const altitude = baseAltitude + 8 * Math.sin((2 * Math.PI * at) / 2300 + phase) + 4 * Math.sin((2 * Math.PI * at) / 700);
    const grade = (8 * 2 * Math.PI * Math.cos((2 * Math.PI * at) / 2300 + phase)) / 2300;
    const resting = paused > 0 && paused < pauseS;
    const effort = resting ? 100 : 138 + Math.min(14, seconds / 300) + 250 * grade;
    heartRate += (effort - heartRate) * 0.04 + (random() - 0.5) * 1.2;
    noiseX = 0.95 * noiseX + gaussian(random) * 0.25;
    noiseY = 0.95 * noiseY + gaussian(random) * 0.25;
    points.push({
      time: options.start.getTime() + seconds * 1000,
      lat: origin.lat + (y + noiseY) / metresPerDegreeLat,
      lon: origin.lon + (x + noiseX) / metresPerDegreeLon,
      altitude: Math.round((altitude + gaussian(random) * 0.3) * 10) / 10,
      heartRate: Math.round(heartRate),
      cadence: resting ? 0 : Math.round(86 + (random() - 0.5) * 4),
    });
    if (done) break;
    seconds += interval;
    if (pauseS > 0 && covered >= options.distance_m / 2 && paused < pauseS) {
      paused += interval;
      continue;
    }
    covered += speed * interval * (1 + 0.04 * Math.sin(seconds / 97));
  }
  return points;
}

/** A closed loop through (0, 0) in metres (x east, y north), parametrised by arc length. */
function loopShape(length: number, random: () => number): (at: number) => [number, number] {
  const wobble = 0.12 + random() * 0.08;
  const lobes = 3 + Math.floor(random() * 3);
  const turn = random() * Math.PI * 2;
  const vertices = 2048;
  const shape: [number, number][] = [];
  for (let k = 0; k <= vertices; k++) {
    const theta = (2 * Math.PI * k) / vertices;
    const radius = 1 + wobble * Math.sin(lobes * theta);
    const x = radius * 1.4 * Math.cos(theta);
    const y = radius * Math.sin(theta);
    shape.push([x * Math.cos(turn) - y * Math.sin(turn), x * Math.sin(turn) + y * Math.cos(turn)]);
  }
  // Cumulative arc length of the unit shape, then scale it to the requested length.
  const cumulative = [0];
  for (let k = 1; k <= vertices; k++) {
    cumulative.push(cumulative[k - 1]! + Math.hypot(shape[k]![0] - shape[k - 1]![0], shape[k]![1] - shape[k - 1]![1]));
  }
  const perimeter = cumulative[vertices]!;
  const scale = length / perimeter;
  const [x0, y0] = shape[0]!;
  let k = 1;
  return (at) => {
    const s = (at / length) * perimeter;
    // Called with increasing arc lengths: the cursor only moves forward.
    while (k < vertices && cumulative[k]! < s) k++;
    const fraction = (s - cumulative[k - 1]!) / (cumulative[k]! - cumulative[k - 1]! || 1);
    const x = shape[k - 1]![0] + (shape[k]![0] - shape[k - 1]![0]) * fraction;
    const y = shape[k - 1]![1] + (shape[k]![1] - shape[k - 1]![1]) * fraction;
    return [(x - x0) * scale, (y - y0) * scale];
  };
}

/** A small, well-known seeded generator (32-bit state): deterministic across platforms. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box-Muller: a standard normal from two uniforms. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
