import { Decoder, Stream, type RecordMesg } from '@garmin/fitsdk';
import { semicirclesToDegrees } from './geo.js';
import { assertValidTrack, TrackFileError, type TrackPoint } from './track-point.js';

/**
 * Track points of a FIT activity's record messages, read with Garmin's own SDK.
 * The decoder does not throw on a truncated or corrupt file: it returns what it could read plus
 * `errors`, and `checkIntegrity()` (header, size, CRC) is false. Both are checked, so a partly
 * uploaded file is refused rather than imported short.
 * Records without a position (before the GPS fix, indoor runs) are skipped; timer start/stop
 * events are not read: pauses are detected from the points (summarize-track.ts), as for GPX.
 */
export function parseFit(bytes: Uint8Array): TrackPoint[] {
  const stream = Stream.fromByteArray(bytes);
  if (!Decoder.isFIT(stream)) throw new TrackFileError('MALFORMED_FILE', 'The file is not a FIT file (no ".FIT" header).');
  const decoder = new Decoder(stream);
  if (!decoder.checkIntegrity()) {
    throw new TrackFileError('MALFORMED_FILE', 'The FIT file is truncated or corrupt (its size or CRC does not match its header).');
  }
  const { messages, errors } = decoder.read({ mergeHeartRates: false, decodeMemoGlobs: false });
  if (errors.length > 0) throw new TrackFileError('MALFORMED_FILE', `The FIT file could not be decoded: ${errors[0]!.message}`);
  const points: TrackPoint[] = [];
  for (const record of messages.recordMesgs ?? []) {
    const point = toTrackPoint(record, points.length);
    if (point !== undefined) points.push(point);
  }
  return assertValidTrack(points);
}

function toTrackPoint(record: RecordMesg, index: number): TrackPoint | undefined {
  if (record.positionLat === undefined || record.positionLong === undefined) return undefined;
  const { timestamp } = record;
  const time = timestamp instanceof Date ? timestamp.getTime() : typeof timestamp === 'number' ? fitEpochToMs(timestamp) : undefined;
  if (time === undefined) throw new TrackFileError('MISSING_TIMESTAMP', `Record ${index} has no timestamp.`, index);
  const point: TrackPoint = {
    time,
    lat: semicirclesToDegrees(record.positionLat),
    lon: semicirclesToDegrees(record.positionLong),
  };
  // enhancedAltitude is the 32-bit field newer devices write (altitude expands into it too);
  // rounding to the 0.2 m resolution FIT stores drops the float noise (42.39999999999998).
  const altitude = record.enhancedAltitude ?? record.altitude;
  if (altitude !== undefined) point.altitude = Math.round(altitude * 10) / 10;
  if (record.heartRate !== undefined) point.heartRate = record.heartRate;
  if (record.cadence !== undefined) point.cadence = record.cadence;
  return point;
}

/** FIT's epoch is 1989-12-31T00:00:00Z (631,065,600 s after the Unix epoch). */
const fitEpochToMs = (seconds: number): number => (seconds + 631_065_600) * 1000;
