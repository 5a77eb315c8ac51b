import {
  Encoder,
  Profile,
  type Mesg,
  type ActivityMesg,
  type EventMesg,
  type FileIdMesg,
  type LapMesg,
  type RecordMesg,
  type SessionMesg,
} from '@garmin/fitsdk';
import { degreesToSemicircles } from './geo.js';
import { summarizeTrack } from './summarize-track.js';
import type { TrackPoint } from './track-point.js';

/**
 * A FIT activity file as a running watch writes it (file id, timer start, one record per point,
 * timer stop, lap, session, activity), encoded with Garmin's SDK. FIT stores whole seconds and
 * altitude to 0.2 m, so times are rounded to the second and altitudes lose a little.
 */
export function writeFit(points: TrackPoint[]): Uint8Array {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('writeFit needs at least one point.');
  const start = new Date(first.time);
  const end = new Date(last.time);
  const summary = points.length > 1 ? summarizeTrack(points) : undefined;
  const encoder = new Encoder();
  write<FileIdMesg>(encoder, Profile.MesgNum.FILE_ID!, {
    type: 'activity',
    manufacturer: 'development',
    product: 1,
    serialNumber: 1,
    timeCreated: start,
  });
  write<EventMesg>(encoder, Profile.MesgNum.EVENT!, { timestamp: start, event: 'timer', eventType: 'start' });
  for (const point of points) {
    write<RecordMesg>(encoder, Profile.MesgNum.RECORD!, {
      timestamp: new Date(point.time),
      positionLat: degreesToSemicircles(point.lat),
      positionLong: degreesToSemicircles(point.lon),
      ...(point.altitude === undefined ? {} : { altitude: point.altitude, enhancedAltitude: point.altitude }),
      ...(point.heartRate === undefined ? {} : { heartRate: point.heartRate }),
      ...(point.cadence === undefined ? {} : { cadence: point.cadence }),
    });
  }
  const elapsed = (last.time - first.time) / 1000;
  const totals = {
    timestamp: end,
    startTime: start,
    totalElapsedTime: elapsed,
    totalTimerTime: summary?.moving_time_s ?? elapsed,
    totalDistance: summary?.distance_m ?? 0,
    sport: 'running' as const,
  };
  write<EventMesg>(encoder, Profile.MesgNum.EVENT!, { timestamp: end, event: 'timer', eventType: 'stopAll' });
  write<LapMesg>(encoder, Profile.MesgNum.LAP!, { ...totals, messageIndex: 0 });
  write<SessionMesg>(encoder, Profile.MesgNum.SESSION!, { ...totals, messageIndex: 0, firstLapIndex: 0, numLaps: 1 });
  write<ActivityMesg>(encoder, Profile.MesgNum.ACTIVITY!, {
    timestamp: end,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  });
  return encoder.close();
}

/** onMesg takes any Mesg; naming the message type here checks each message's fields. */
function write<T extends Mesg>(encoder: Encoder, mesgNum: number, mesg: T): void {
  encoder.onMesg(mesgNum, mesg);
}
