import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { assertValidTrack, TrackFileError, type TrackPoint } from './track-point.js';

// A DOCTYPE is the only way to declare entities, so refusing it (and any stray <!ENTITY) before
// the parser runs rules out every entity-expansion attack, whatever the parser's limits are.
// GPX files from devices and apps never carry one.
const DOCTYPE = /<!\s*(DOCTYPE|ENTITY)/i;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Garmin writes <ns3:TrackPointExtension>, others <gpxtpx:...>: match on local names.
  removeNSPrefix: true,
  // Numbers and times are read and checked here, not guessed by the parser.
  parseTagValue: false,
  parseAttributeValue: false,
  // Defence in depth: no entity is ever expanded (a name's "&amp;" stays literal; unused here).
  processEntities: false,
  isArray: (name) => name === 'trk' || name === 'trkseg' || name === 'trkpt',
});

type XmlNode = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Track points of every track and segment of a GPX 1.0/1.1 document, in document order. */
export function parseGpx(bytes: Uint8Array): TrackPoint[] {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new TrackFileError('MALFORMED_FILE', 'The GPX file is not UTF-8 text.');
  }
  if (DOCTYPE.test(text)) {
    throw new TrackFileError('UNSAFE_XML', 'GPX files with a DOCTYPE or entity declarations are refused.');
  }
  // The parser itself accepts unclosed documents; its validator (deprecated in favour of the
  // separate fast-xml-validator package, two releases old and not verified here) still ships in
  // the pinned 5.12.1 and costs about a fifth of the parse.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new TrackFileError('MALFORMED_FILE', `The file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  }
  const gpx = (parser.parse(text) as XmlNode).gpx;
  if (gpx === undefined || typeof gpx !== 'object' || gpx === null) {
    throw new TrackFileError('MALFORMED_FILE', 'The XML document is not GPX (its root is not <gpx>).');
  }
  const points: TrackPoint[] = [];
  for (const track of asNodes((gpx as XmlNode).trk)) {
    for (const segment of asNodes(track.trkseg)) {
      // An empty <trkpt></trkpt> parses as a string: read it as a node without lat/lon, so it is refused.
      for (const trackPoint of asNodes(segment.trkpt, true)) points.push(toTrackPoint(trackPoint, points.length));
    }
  }
  return assertValidTrack(points);
}

function asNodes(value: unknown, keepEmpty = false): XmlNode[] {
  if (!Array.isArray(value)) return [];
  const nodes: XmlNode[] = [];
  for (const item of value as unknown[]) {
    if (typeof item === 'object' && item !== null) nodes.push(item as XmlNode);
    else if (keepEmpty) nodes.push({});
  }
  return nodes;
}

function toTrackPoint(node: XmlNode, index: number): TrackPoint {
  const lat = Number(text(node['@_lat']) ?? Number.NaN);
  const lon = Number(text(node['@_lon']) ?? Number.NaN);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new TrackFileError('COORDINATES_OUT_OF_RANGE', `Track point ${index} has no valid lat/lon.`, index);
  }
  const time = text(node.time);
  if (time === undefined) throw new TrackFileError('MISSING_TIMESTAMP', `Track point ${index} has no <time>.`, index);
  const point: TrackPoint = { time: parseTime(time, index), lat, lon };
  const altitude = optionalNumber(node.ele, index);
  if (altitude !== undefined) point.altitude = altitude;
  const extension = trackPointExtension(node.extensions);
  const heartRate = optionalNumber(extension?.hr, index);
  if (heartRate !== undefined) point.heartRate = heartRate;
  const cadence = optionalNumber(extension?.cad, index);
  if (cadence !== undefined) point.cadence = cadence;
  return point;
}

/** Garmin's TrackPointExtension (v1 and v2) carries heart rate and cadence. */
function trackPointExtension(extensions: unknown): XmlNode | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const extension = (extensions as XmlNode).TrackPointExtension;
  return typeof extension === 'object' && extension !== null ? (extension as XmlNode) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  // An element with attributes is an object with its text under '#text'.
  if (typeof value === 'object' && value !== null) return text((value as XmlNode)['#text']);
  return undefined;
}

function optionalNumber(value: unknown, index: number): number | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const number = Number(raw);
  if (!Number.isFinite(number))
    throw new TrackFileError('MALFORMED_FILE', `Track point ${index} has a value that is not a number: "${raw}".`, index);
  return number;
}

// xsd:dateTime as GPX requires; a time without a zone is UTC (the GPX 1.1 schema says times are UTC).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function parseTime(value: string, index: number): number {
  const match = DATE_TIME.exec(value);
  const time = match ? Date.parse(match[2] === undefined ? `${value}Z` : value) : Number.NaN;
  if (!Number.isFinite(time)) throw new TrackFileError('MALFORMED_FILE', `Track point ${index} has an unreadable time "${value}".`, index);
  return time;
}
