// The device-file and GPS-track library of the activities resource (README.md beside it):
// pure functions, no I/O, no storage.
export { type TrackPoint, type TrackFileErrorCode, TrackFileError } from './track-point.js';
export { parseGpx } from './parse-gpx.js';
export { parseFit } from './parse-fit.js';
export { summarizeTrack, type TrackSummary, ELEVATION_HYSTERESIS_M } from './summarize-track.js';
export { GAP_MS, STILL_SPEED_M_S, WINDOW_MS } from './measure-track.js';
export { computeStreams, downsample, type TrackStreams, type StreamName, STREAM_NAMES, PACE_WINDOW_MS } from './streams.js';
export { encodePolyline, decodePolyline, POLYLINE_MAX_POINTS } from './polyline.js';
export { generateRoute, type RouteOptions } from './generate-route.js';
export { writeGpx } from './write-gpx.js';
export { writeFit } from './write-fit.js';
