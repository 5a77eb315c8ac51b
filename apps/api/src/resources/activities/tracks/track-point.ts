/** One recorded sample of a GPS track: what the GPX and FIT parsers produce and the metrics read. */
export type TrackPoint = {
  /** Epoch milliseconds (UTC). */
  time: number;
  /** Degrees, WGS 84, -90..90. */
  lat: number;
  /** Degrees, WGS 84, -180..180. */
  lon: number;
  /** Metres above mean sea level. */
  altitude?: number;
  /** Beats per minute. */
  heartRate?: number;
  /** Steps of one foot (strides) per minute, as Garmin records running cadence in GPX and FIT. */
  cadence?: number;
};

/**
 * Why a device file was refused:
 * - `MALFORMED_FILE`: not UTF-8 / not XML / not a GPX document; not a FIT file, a truncated or
 *   corrupt FIT file (bad size or CRC, decoder errors); an unreadable timestamp or number.
 * - `UNSAFE_XML`: the GPX carries a DOCTYPE or entity declarations (refused outright, so no
 *   entity expansion such as "billion laughs" can happen).
 * - `NO_TRACK`: a well-formed file without a single track point (only routes or waypoints,
 *   or FIT records without a position).
 * - `TOO_FEW_POINTS`: one track point: no distance or duration can be computed.
 * - `POINTS_OUT_OF_ORDER`: a point recorded before the one preceding it.
 * - `MISSING_TIMESTAMP`: a track point without a time.
 * - `COORDINATES_OUT_OF_RANGE`: latitude outside -90..90, longitude outside -180..180, or a
 *   value that is not a finite number.
 */
export type TrackFileErrorCode =
  | 'MALFORMED_FILE'
  | 'UNSAFE_XML'
  | 'NO_TRACK'
  | 'TOO_FEW_POINTS'
  | 'POINTS_OUT_OF_ORDER'
  | 'MISSING_TIMESTAMP'
  | 'COORDINATES_OUT_OF_RANGE';

/** A device file the library refuses; `code` is stable (the API maps it to its error shape). */
export class TrackFileError extends Error {
  override readonly name = 'TrackFileError';

  constructor(
    readonly code: TrackFileErrorCode,
    message: string,
    /** Zero-based index of the offending track point, when one is to blame. */
    readonly pointIndex?: number,
  ) {
    super(message);
  }
}

/**
 * The checks every parser ends with, so GPX and FIT refuse the same tracks: at least two points,
 * coordinates in range, times never going backwards (equal times are kept: devices that record
 * faster than their clock's resolution write them).
 */
export function assertValidTrack(points: TrackPoint[]): TrackPoint[] {
  if (points.length === 0) throw new TrackFileError('NO_TRACK', 'The file holds no track points.');
  if (points.length < 2) throw new TrackFileError('TOO_FEW_POINTS', 'A track needs at least two points.', 0);
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    if (!Number.isFinite(point.time)) throw new TrackFileError('MISSING_TIMESTAMP', `Track point ${i} has no time.`, i);
    if (!(Math.abs(point.lat) <= 90) || !(Math.abs(point.lon) <= 180)) {
      throw new TrackFileError('COORDINATES_OUT_OF_RANGE', `Track point ${i} lies outside -90..90 / -180..180.`, i);
    }
    if (i > 0 && point.time < points[i - 1]!.time) {
      throw new TrackFileError('POINTS_OUT_OF_ORDER', `Track point ${i} was recorded before the point preceding it.`, i);
    }
  }
  return points;
}
