// Small builders the tracks tests share: a GPX document from literal points, a FIT file from
// records written with Garmin's encoder (so a test can write what writeFit would refuse to).
import { Encoder, Profile, type FileIdMesg, type RecordMesg } from '@garmin/fitsdk';
import type { TrackPoint } from '../src/resources/activities/tracks/index.js';

export const encodeText = (text: string): Uint8Array => new TextEncoder().encode(text);

export function gpxDocument(trackPoints: string): Uint8Array {
  return encodeText(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">` +
      `<trk><trkseg>${trackPoints}</trkseg></trk></gpx>`,
  );
}

export const trkpt = (lat: number, lon: number, time?: string): string =>
  `<trkpt lat="${lat}" lon="${lon}">${time === undefined ? '' : `<time>${time}</time>`}</trkpt>`;

export function fitOfRecords(records: RecordMesg[]): Uint8Array {
  const encoder = new Encoder();
  const fileId: FileIdMesg = { type: 'activity', manufacturer: 'development', product: 1, timeCreated: new Date('2026-03-01T07:00:00Z') };
  encoder.onMesg(Profile.MesgNum.FILE_ID!, fileId);
  for (const record of records) encoder.onMesg(Profile.MesgNum.RECORD!, record);
  return encoder.close();
}

export const semicircles = (degrees: number): number => Math.round((degrees * 2 ** 31) / 180);

/**
 * The hand-checked track: north along the Greenwich meridian from (0°, 0°), one point a second,
 * 0.00003° (3.3358 m) a step, 500 steps, 60 s standing still, 500 more steps: 1,061 points.
 * Heart rate 120 while t < 500 s, 150 from then on.
 */
export function meridianTrack(): TrackPoint[] {
  const start = Date.parse('2026-03-01T07:00:00Z');
  const points: TrackPoint[] = [];
  for (let t = 0; t <= 1060; t++) {
    const steps = t <= 500 ? t : t <= 560 ? 500 : t - 60;
    points.push({ time: start + t * 1000, lat: steps * 0.00003, lon: 0, heartRate: t < 500 ? 120 : 150 });
  }
  return points;
}
