// What the GPX and FIT parsers read, and every file they refuse with which code.
import { describe, expect, it } from 'vitest';
import {
  parseFit,
  parseGpx,
  TrackFileError,
  writeFit,
  writeGpx,
  type TrackFileErrorCode,
} from '../src/resources/activities/tracks/index.js';
import { encodeText, fitOfRecords, gpxDocument, semicircles, trkpt } from './tracks-helpers.js';

function refusal(parse: () => unknown): { code: TrackFileErrorCode; pointIndex: number | undefined } {
  try {
    parse();
  } catch (error) {
    if (error instanceof TrackFileError) return { code: error.code, pointIndex: error.pointIndex };
    throw error;
  }
  throw new Error('the file was accepted');
}

const twoPoints = trkpt(52.5, 13.35, '2026-03-01T07:00:00Z') + trkpt(52.5001, 13.35, '2026-03-01T07:00:01Z');

describe('parseGpx', () => {
  it('reads lat, lon, time, elevation and Garmin extensions under any namespace prefix, across segments', () => {
    const gpx = encodeText(`<?xml version="1.0"?>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <trk><name>Tom &amp; Jerry</name>
  <trkseg><trkpt lat="52.5" lon="13.35"><ele>34.2</ele><time>2026-03-01T07:00:00.500Z</time>
   <extensions><ns3:TrackPointExtension><ns3:hr>141</ns3:hr><ns3:cad>87</ns3:cad></ns3:TrackPointExtension></extensions></trkpt></trkseg>
  <trkseg><trkpt lat="52.5001" lon="13.35"><time>2026-03-01T08:00:01+01:00</time></trkpt></trkseg>
 </trk></gpx>`);
    expect(parseGpx(gpx)).toEqual([
      { time: Date.parse('2026-03-01T07:00:00.500Z'), lat: 52.5, lon: 13.35, altitude: 34.2, heartRate: 141, cadence: 87 },
      { time: Date.parse('2026-03-01T07:00:01Z'), lat: 52.5001, lon: 13.35 },
    ]);
  });

  it('reads a time without a zone as UTC, as the GPX schema says', () => {
    const points = parseGpx(gpxDocument(trkpt(1, 2, '2026-03-01T07:00:00') + trkpt(1, 2.0001, '2026-03-01T07:00:01')));
    expect(points[0]!.time).toBe(Date.parse('2026-03-01T07:00:00Z'));
  });

  it('refuses a billion-laughs document outright, before any entity is expanded', () => {
    const laughs = encodeText(`<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<gpx version="1.1"><trk><name>&lol3;</name><trkseg>${twoPoints}</trkseg></trk></gpx>`);
    expect(refusal(() => parseGpx(laughs)).code).toBe('UNSAFE_XML');
  });

  it('refuses a DOCTYPE in any spelling, and an entity declared without one', () => {
    const external = `<?xml version="1.0"?><!doctype gpx SYSTEM "file:///etc/passwd"><gpx version="1.1"><trk><trkseg>${twoPoints}</trkseg></trk></gpx>`;
    expect(refusal(() => parseGpx(encodeText(external))).code).toBe('UNSAFE_XML');
    expect(refusal(() => parseGpx(encodeText(`<!ENTITY x "y"><gpx/>`))).code).toBe('UNSAFE_XML');
  });

  it.each([
    ['plain text', encodeText('lat,lon\n52.5,13.35\n')],
    ['unclosed XML', encodeText(`<gpx version="1.1"><trk><trkseg>${twoPoints}</trkseg>`)],
    ['XML that is not GPX', encodeText('<kml><Placemark/></kml>')],
    ['bytes that are not UTF-8', new Uint8Array([0x3c, 0x67, 0xff, 0xfe, 0x3e])],
    ['an unreadable time', gpxDocument(trkpt(1, 2, 'yesterday') + trkpt(1, 2, '2026-03-01T07:00:01Z'))],
    ['an elevation that is not a number', gpxDocument(`<trkpt lat="1" lon="2"><ele>high</ele><time>2026-03-01T07:00:00Z</time></trkpt>`)],
  ])('refuses %s as MALFORMED_FILE', (_, bytes) => {
    expect(refusal(() => parseGpx(bytes)).code).toBe('MALFORMED_FILE');
  });

  it('refuses a GPX of waypoints and routes only as NO_TRACK', () => {
    const gpx = encodeText('<gpx version="1.1"><wpt lat="1" lon="2"/><rte><rtept lat="1" lon="2"/></rte></gpx>');
    expect(refusal(() => parseGpx(gpx)).code).toBe('NO_TRACK');
  });

  it('refuses a track of one point, points out of order, a point without time or out of range', () => {
    expect(refusal(() => parseGpx(gpxDocument(trkpt(1, 2, '2026-03-01T07:00:00Z'))))).toEqual({ code: 'TOO_FEW_POINTS', pointIndex: 0 });
    const backwards = trkpt(1, 2, '2026-03-01T07:00:00Z') + trkpt(1, 2, '2026-03-01T07:00:05Z') + trkpt(1, 2, '2026-03-01T07:00:04Z');
    expect(refusal(() => parseGpx(gpxDocument(backwards)))).toEqual({ code: 'POINTS_OUT_OF_ORDER', pointIndex: 2 });
    expect(refusal(() => parseGpx(gpxDocument(twoPoints + trkpt(1, 2))))).toEqual({ code: 'MISSING_TIMESTAMP', pointIndex: 2 });
    expect(refusal(() => parseGpx(gpxDocument(trkpt(91, 2, '2026-03-01T07:00:00Z') + twoPoints)))).toEqual({
      code: 'COORDINATES_OUT_OF_RANGE',
      pointIndex: 0,
    });
    expect(refusal(() => parseGpx(gpxDocument(twoPoints + `<trkpt lon="2"><time>2026-03-01T07:00:09Z</time></trkpt>`))).code).toBe(
      'COORDINATES_OUT_OF_RANGE',
    );
    expect(refusal(() => parseGpx(gpxDocument(`${twoPoints}<trkpt></trkpt>`)))).toEqual({
      code: 'COORDINATES_OUT_OF_RANGE',
      pointIndex: 2,
    });
  });

  it('keeps points that share a timestamp (devices recording faster than their clock)', () => {
    const same = trkpt(1, 2, '2026-03-01T07:00:00Z') + trkpt(1, 2.0001, '2026-03-01T07:00:00Z');
    expect(parseGpx(gpxDocument(same))).toHaveLength(2);
  });
});

describe('parseFit', () => {
  const start = Date.parse('2026-03-01T07:00:00Z');
  const record = (second: number, lat = 52.5) => ({
    timestamp: new Date(start + second * 1000),
    positionLat: semicircles(lat),
    positionLong: semicircles(13.35),
  });
  const valid = writeFit([
    { time: start, lat: 52.5, lon: 13.35, altitude: 34.2, heartRate: 141, cadence: 87 },
    { time: start + 1000, lat: 52.50003, lon: 13.35 },
  ]);

  it('reads records as degrees, epoch ms, altitude without float noise, heart rate and cadence', () => {
    const [first, second] = parseFit(valid);
    expect(first).toEqual({
      time: start,
      lat: expect.closeTo(52.5, 7) as number,
      lon: expect.closeTo(13.35, 7) as number,
      altitude: 34.2,
      heartRate: 141,
      cadence: 87,
    });
    expect(second).toEqual({ time: start + 1000, lat: expect.closeTo(52.50003, 7) as number, lon: expect.closeTo(13.35, 7) as number });
  });

  it('skips records without a position (before the GPS fix)', () => {
    const points = parseFit(fitOfRecords([{ timestamp: new Date(start - 1000), heartRate: 90 }, record(0), record(1, 52.50003)]));
    expect(points.map((point) => point.time)).toEqual([start, start + 1000]);
  });

  it('refuses a truncated file, a corrupted byte and a file that is not FIT as MALFORMED_FILE', () => {
    expect(refusal(() => parseFit(valid.slice(0, valid.length - 20))).code).toBe('MALFORMED_FILE');
    expect(refusal(() => parseFit(valid.slice(0, 20))).code).toBe('MALFORMED_FILE');
    const corrupted = valid.slice();
    corrupted[40] = corrupted[40]! ^ 0xff;
    expect(refusal(() => parseFit(corrupted)).code).toBe('MALFORMED_FILE');
    expect(refusal(() => parseFit(encodeText(writeGpx([{ time: start, lat: 1, lon: 2 }])))).code).toBe('MALFORMED_FILE');
    expect(refusal(() => parseFit(new Uint8Array(0))).code).toBe('MALFORMED_FILE');
  });

  it('refuses a file without positioned records, one point, points out of order and a record without time', () => {
    expect(refusal(() => parseFit(fitOfRecords([{ timestamp: new Date(start), heartRate: 90 }]))).code).toBe('NO_TRACK');
    expect(refusal(() => parseFit(fitOfRecords([record(0)]))).code).toBe('TOO_FEW_POINTS');
    expect(refusal(() => parseFit(fitOfRecords([record(0), record(5), record(3)])))).toEqual({
      code: 'POINTS_OUT_OF_ORDER',
      pointIndex: 2,
    });
    expect(
      refusal(() => parseFit(fitOfRecords([record(0), { positionLat: semicircles(52.5), positionLong: semicircles(13.35) }]))).code,
    ).toBe('MISSING_TIMESTAMP');
  });
});
