/** One request and the response Prism gave it, as the front sees them. */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export interface PrismReply {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface Exchange {
  method: string;
  /** The URL as the caller sent it, base path included (`/api/v1/races?limit=5`). */
  url: string;
  requestHeaders: IncomingHttpHeaders;
  reply: PrismReply;
}

/** Parses a JSON body, or undefined when it is not JSON. */
export function jsonOf(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A reply with a new JSON body, its length and type headers set to match. */
export function withJsonBody(reply: PrismReply, status: number, body: unknown): PrismReply {
  const buffer = Buffer.from(JSON.stringify(body));
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(reply.headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'content-type' && lower !== 'content-length') headers[name] = value;
  }
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(buffer.length);
  return { status, headers, body: buffer };
}
