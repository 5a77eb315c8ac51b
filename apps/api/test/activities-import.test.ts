// POST /activities/import over HTTP (in-process), on SQLite and PostgreSQL: a GPX and a FIT
// file of the hand-checked meridian track give its metrics (tracks-summary.test.ts derives
// them by hand), a marathon's 40,000-point GPX and the equivalent FIT import within the
// contract's limit, every refused file is a 400 with its own code and stores nothing, an
// Idempotency-Key retry replays, a second upload of the same recording is a 409 naming the
// first, coaches and the organization's key import for their athletes and nobody else
// does, and the media type and size are the contract's (415, 413).
import { afterAll, expect, it } from 'vitest';
import { operationTable } from '@astral/openapi';
import { devCredentials, seedIds } from '../src/seed/build.js';
import { generateRoute, writeFit, writeGpx, type TrackPoint } from '../src/resources/activities/tracks/index.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, laneApp, userMaker, type As, type Reply } from './helpers.js';
import { encodeText, fitOfRecords, gpxDocument, meridianTrack, semicircles, trkpt } from './tracks-helpers.js';

const GPX = 'application/gpx+xml';
const FIT = 'application/vnd.ant.fit';

/** The track moved to start at `start` (every test its own second: the same second is a duplicate). */
const startingAt = (points: TrackPoint[], start: string): TrackPoint[] => {
  const offset = Date.parse(start) - points[0]!.time;
  return points.map((point) => ({ ...point, time: point.time + offset }));
};

/** What a refused file is, by the code the contract gives it. */
const refused: Record<string, { type: string; bytes: Uint8Array }> = {
  UNSAFE_XML: {
    type: GPX,
    bytes: encodeText(
      '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
        '<gpx version="1.1"><trk><name>&b;</name><trkseg></trkseg></trk></gpx>',
    ),
  },
  MALFORMED_FILE: { type: FIT, bytes: writeFit(startingAt(meridianTrack(), '2025-11-01T06:00:01Z')).slice(0, 5000) },
  NO_TRACK: { type: GPX, bytes: gpxDocument('') },
  TOO_FEW_POINTS: { type: GPX, bytes: gpxDocument(trkpt(46.2, 6.1, '2025-11-01T06:00:00Z')) },
  POINTS_OUT_OF_ORDER: {
    type: FIT,
    bytes: fitOfRecords([
      { timestamp: new Date('2025-11-01T06:00:10Z'), positionLat: semicircles(46.2), positionLong: semicircles(6.1) },
      { timestamp: new Date('2025-11-01T06:00:11Z'), positionLat: semicircles(46.2001), positionLong: semicircles(6.1) },
      { timestamp: new Date('2025-11-01T06:00:05Z'), positionLat: semicircles(46.2002), positionLong: semicircles(6.1) },
    ]),
  },
  MISSING_TIMESTAMP: { type: GPX, bytes: gpxDocument(trkpt(46.2, 6.1, '2025-11-01T06:00:00Z') + trkpt(46.2001, 6.1)) },
  COORDINATES_OUT_OF_RANGE: {
    type: GPX,
    bytes: gpxDocument(trkpt(46.2, 6.1, '2025-11-01T06:00:00Z') + trkpt(96.2, 6.1, '2025-11-01T06:00:01Z')),
  },
};

describeOnDatabases('importing device files on $name', (lane) => {
  const { call, started, repository, close } = laneApp(lane);
  afterAll(() => close());
  const newUser = userMaker(repository, 'imp');

  /** Uploads `bytes` as `type` (headers and query as given). */
  const upload = async (
    bytes: Uint8Array,
    type: string,
    options: { as?: As; query?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const as = options.as ?? 'athlete';
    const credentials: Record<string, string> =
      typeof as === 'object'
        ? as.headers
        : as === 'anonymous'
          ? {}
          : as === 'organization'
            ? { 'x-api-key': devCredentials.organizationKey }
            : { authorization: `Bearer ${as === 'admin' ? devCredentials.adminToken : devCredentials.athleteToken}` };
    const response = await (
      await started()
    ).app.inject({
      method: 'POST',
      url: `/api/v1/activities/import${options.query ? `?${options.query}` : ''}`,
      headers: { ...credentials, 'content-type': type, ...options.headers },
      payload: Buffer.from(bytes),
    });
    return { status: response.statusCode, body: JSON.parse(response.body), text: response.body, headers: response.headers };
  };
  const countOf = async (userId: string) =>
    (await call('GET', `/activities?user_id=${userId}&limit=1`, 'admin')).body.metadata.total as number;

  it('imports the hand-checked track from GPX and from FIT with its metrics, route, streams and summary', async () => {
    const gpx = await upload(encodeText(writeGpx(startingAt(meridianTrack(), '2025-10-01T06:00:00Z'))), GPX, { query: 'source=garmin' });
    expect(gpx.status).toBe(201);
    expect(gpx.body.message).toBe('Activity imported successfully');
    // tracks-summary.test.ts: 3,335.8 m, 1,060 s elapsed, 1,008 s moving (302.2 s/km), heart rate 136 mean and 150 max, flat.
    expect(gpx.body.data).toMatchObject({
      user_id: seedIds.athlete,
      title: 'Run on 2025-10-01',
      activity_type: 'run',
      status: 'completed',
      source: 'garmin',
      start_time: '2025-10-01T06:00:00Z',
      duration_seconds: 1060,
      distance_meters: 3335.8,
      moving_time_seconds: 1008,
      elevation_gain_meters: 0,
      average_pace_seconds_per_km: 302.2,
      average_heart_rate: 136,
      max_heart_rate: 150,
      average_cadence: null,
      has_streams: true,
      created_by: seedIds.athlete,
    });
    expect(gpx.body.data.summary).toMatch(/3\.34 km/);
    expect(gpx.body.data.polyline).toMatch(/^\S+$/);
    const streams = await call('GET', `/activities/${gpx.body.activity_id}/streams?types=distance,heartrate`, 'athlete');
    expect(streams.body.data.streams.distance.at(-1)).toBe(3335.8);
    expect(streams.body.data.streams.heartrate).toHaveLength(1061);

    const fit = await upload(writeFit(startingAt(meridianTrack(), '2025-10-02T06:00:00Z')), FIT, {
      query: 'activity_type=walk&title=Along%20the%20meridian',
    });
    expect(fit.status).toBe(201);
    expect(fit.body.data).toMatchObject({
      title: 'Along the meridian',
      activity_type: 'walk',
      source: 'manual',
      start_time: '2025-10-02T06:00:00Z',
      duration_seconds: 1060,
      moving_time_seconds: 1008,
      average_heart_rate: 136,
      max_heart_rate: 150,
    });
    // FIT stores positions in semicircles (about 1 cm): the same distance to the decimetre.
    expect(fit.body.data.distance_meters).toBeCloseTo(3335.8, 0);
  });

  it('imports a marathon of 40,000+ points as GPX and as FIT, well within the body limit', async () => {
    const points = generateRoute({ seed: 42, start: new Date('2025-09-21T07:15:03Z'), distance_m: 42_195, pace_s_per_km: 960 });
    expect(points.length).toBeGreaterThan(40_000);
    const gpx = encodeText(writeGpx(points));
    expect(gpx.length).toBeLessThan(operationTable.importActivity.bodyLimitBytes / 2);
    const first = await upload(gpx, GPX);
    expect(first.status).toBe(201);
    expect(first.body.data.distance_meters).toBeGreaterThan(41_000);
    expect(first.body.data.duration_seconds).toBe(Math.round((points.at(-1)!.time - points[0]!.time) / 1000));
    const streams = await call('GET', `/activities/${first.body.activity_id}/streams?types=time&points=10000`, 'athlete');
    expect(streams.body.data.streams.time).toHaveLength(10_000);

    // The same run as FIT, an hour later (else it is the same recording: a 409).
    const fit = await upload(writeFit(startingAt(points, '2025-09-21T08:15:03Z')), FIT);
    expect(fit.status).toBe(201);
    expect(fit.body.data.distance_meters).toBeCloseTo(first.body.data.distance_meters, -1);
    expect(fit.body.data.moving_time_seconds).toBe(first.body.data.moving_time_seconds);
  }, 120_000);

  it('refuses each bad file with its own code and stores nothing', async () => {
    const before = await countOf(seedIds.athlete);
    expect(Object.keys(refused).length).toBeGreaterThan(0);
    for (const [code, file] of Object.entries(refused)) {
      const reply = await upload(file.bytes, file.type);
      expect(errorOf(reply)).toEqual({ status: 400, code, field: undefined });
    }
    // Anything but a FIT file sent as FIT, and an empty body.
    expect(errorOf(await upload(encodeText('<gpx/>'), FIT)).code).toBe('MALFORMED_FILE');
    expect(errorOf(await upload(new Uint8Array(), GPX)).code).toBe('MALFORMED_FILE');
    expect(await countOf(seedIds.athlete)).toBe(before);
  });

  it('replays a retried upload with the same Idempotency-Key, and answers a second upload of the recording 409 naming the first', async () => {
    const track = startingAt(meridianTrack(), '2025-10-03T06:00:00Z');
    const key = { 'idempotency-key': 'watch-upload-0001' };
    const first = await upload(writeFit(track), FIT, { headers: key });
    expect(first.status).toBe(201);
    const retry = await upload(writeFit(track), FIT, { headers: key });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);

    // Without the key, the same file, and the same run exported as GPX, are duplicates.
    for (const [bytes, type] of [
      [writeFit(track), FIT],
      [encodeText(writeGpx(track)), GPX],
    ] as const) {
      const again = await upload(bytes, type);
      expect(again.status).toBe(409);
      expect(again.body).toEqual({
        error: `This recording was already imported as activity ${first.body.activity_id}`,
        details: { code: 'DUPLICATE_IMPORT', existing_id: first.body.activity_id },
      });
    }
    // The same key with another file is the contract's 422.
    const other = await upload(writeFit(startingAt(track, '2025-10-04T06:00:00Z')), FIT, { headers: key });
    expect(errorOf(other)).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('lets coaches and the organization key import for their athletes, and nobody else', async () => {
    const leo = seedIds.memberAthlete;
    const before = await countOf(leo);
    const file = (start: string) => writeFit(startingAt(meridianTrack(), start));
    const byCoach = await upload(file('2025-10-05T06:00:00Z'), FIT, { as: bearer(devCredentials.assistantToken), query: `user_id=${leo}` });
    expect(byCoach.status).toBe(201);
    expect(byCoach.body.data).toMatchObject({ user_id: leo, created_by: seedIds.assistantCoach });
    const byKey = await upload(file('2025-10-06T06:00:00Z'), FIT, { as: 'organization', query: `user_id=${leo}` });
    expect(byKey.status).toBe(201);
    expect(byKey.body.data).toMatchObject({ user_id: leo, created_by: seedIds.organization });
    expect(errorOf(await upload(file('2025-10-07T06:00:00Z'), FIT, { as: 'organization' }))).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      field: 'user_id',
    });

    const stranger = await newUser();
    const notTheirs = await upload(file('2025-10-08T06:00:00Z'), FIT, { as: stranger.as, query: `user_id=${leo}` });
    expect(errorOf(notTheirs)).toEqual({ status: 403, code: 'FORBIDDEN', field: 'user_id' });
    // The file is read first, like a JSON body's validation: a refused one is its 400 whoever sends it.
    const badFile = await upload(refused.TOO_FEW_POINTS!.bytes, GPX, { as: stranger.as, query: `user_id=${leo}` });
    expect(errorOf(badFile)).toEqual({ status: 400, code: 'TOO_FEW_POINTS', field: undefined });
    expect(await countOf(leo)).toBe(before + 2);
  });

  it("answers another content type 415 and a file over the operation's limit 413", async () => {
    const json = await call('POST', '/activities/import', 'athlete', { title: 'Run' });
    expect(errorOf(json)).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' });
    const tooBig = await upload(new Uint8Array(operationTable.importActivity.bodyLimitBytes + 1), GPX);
    expect(errorOf(tooBig)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', field: undefined });
    expect(errorOf(await upload(encodeText(writeGpx(meridianTrack())), GPX, { as: 'anonymous' }))).toMatchObject({ status: 401 });
  });
});
