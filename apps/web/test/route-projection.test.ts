// How the activity page draws a route with no map tiles (north up, shape kept, fitted to
// its box) and keeps a stop from flattening the pace chart.
import { describe, expect, it } from 'vitest';
import { metersBetween, projectRoute } from '../src/pages/activities/route-projection.js';
import { typicalRange } from '../src/pages/activities/StreamChart.js';

describe('projectRoute', () => {
  it('fits the route into the box inside its padding, centred', () => {
    expect(
      projectRoute(
        [
          [0, 0],
          [0, 1],
        ],
        100,
        50,
        5,
      )?.path,
    ).toBe('M 5 25 L 95 25');
  });

  it('puts north up and keeps the shape at high latitudes (a square stays square)', () => {
    const north = projectRoute(
      [
        [60, 10],
        [60.01, 10],
      ],
      200,
      200,
      0,
    )!;
    expect(north.end.y).toBeLessThan(north.start.y);
    // 0.01° of latitude and 0.02° of longitude at 60° N are both about 1.1 km.
    const square = projectRoute(
      [
        [60, 10],
        [60, 10.02],
        [60.01, 10.02],
        [60.01, 10],
        [60, 10],
      ],
      400,
      400,
      0,
    )!;
    const xs = square.path.match(/[ML] ([\d.]+)/g)!.map((part) => Number(part.slice(2)));
    const ys = square.path.match(/[ML] [\d.]+ ([\d.]+)/g)!.map((part) => Number(part.split(' ')[2]));
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(metersBetween([60, 10], [60, 10.02]) / metersBetween([60, 10], [60.01, 10])).toBeCloseTo(width / height, 2);
  });

  it('draws nothing from fewer than two points, or from points all in one place', () => {
    expect(projectRoute([[1, 1]], 100, 100, 0)).toBeUndefined();
    expect(
      projectRoute(
        [
          [1, 1],
          [1, 1],
        ],
        100,
        100,
        0,
      ),
    ).toBeUndefined();
  });
});

describe('typicalRange', () => {
  it("leaves a stop's pace out of the axis", () => {
    const pace = [...Array.from({ length: 200 }, (_, i) => 300 + (i % 20)), 1800];
    const [low, high] = typicalRange(pace)!;
    expect(low).toBeLessThanOrEqual(300);
    expect(high).toBeGreaterThanOrEqual(319);
    expect(high).toBeLessThan(400);
  });
});
