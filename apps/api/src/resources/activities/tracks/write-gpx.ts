import type { TrackPoint } from './track-point.js';

/**
 * A GPX 1.1 document of one track, heart rate and cadence in Garmin's TrackPointExtension v1
 * (what Garmin Connect and Strava export). Coordinates to 7 decimals (1 cm), altitude to 0.1 m.
 */
export function writeGpx(points: TrackPoint[], name = 'Run'): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Astral" xmlns="http://www.topografix.com/GPX/1/1"' +
      ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">',
    `  <trk><name>${escapeXml(name)}</name><type>running</type><trkseg>`,
  ];
  for (const point of points) {
    let line = `    <trkpt lat="${point.lat.toFixed(7)}" lon="${point.lon.toFixed(7)}">`;
    if (point.altitude !== undefined) line += `<ele>${point.altitude.toFixed(1)}</ele>`;
    line += `<time>${new Date(point.time).toISOString()}</time>`;
    if (point.heartRate !== undefined || point.cadence !== undefined) {
      line += '<extensions><gpxtpx:TrackPointExtension>';
      if (point.heartRate !== undefined) line += `<gpxtpx:hr>${point.heartRate}</gpxtpx:hr>`;
      if (point.cadence !== undefined) line += `<gpxtpx:cad>${point.cadence}</gpxtpx:cad>`;
      line += '</gpxtpx:TrackPointExtension></extensions>';
    }
    lines.push(`${line}</trkpt>`);
  }
  lines.push('  </trkseg></trk>', '</gpx>', '');
  return lines.join('\n');
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
