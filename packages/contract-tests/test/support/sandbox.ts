// Calls to the sandbox (the reference API behind Prism's validating proxy) as the development
// credentials, and the assertion every server-side contract test makes.
import { expect, inject } from 'vitest';
import type { OperationId } from '@astral/openapi';
import type { CoverageRecorder } from './coverage.js';
import { findings, type Observed } from './http.js';

export type Who = 'athlete' | 'admin' | 'org' | 'none' | 'bad-token' | 'coach' | 'assistant' | 'member';
const credentials: Record<Who, Record<string, string>> = {
  athlete: { Authorization: 'Bearer dev-athlete-token' },
  coach: { Authorization: 'Bearer dev-coach-token' },
  assistant: { Authorization: 'Bearer dev-assistant-token' },
  member: { Authorization: 'Bearer dev-member-token' },
  admin: { Authorization: 'Bearer dev-admin-token' },
  org: { 'X-API-Key': 'dev-org-key' },
  none: {},
  'bad-token': { Authorization: 'Bearer not-a-real-token' },
};

export interface Request {
  /** A development credential (default the athlete's). */
  as?: Who;
  /** A Bearer token of a user the test signed up, instead of `as`. */
  bearer?: string;
  /** More headers (`Idempotency-Key`). */
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or bytes (a device file) as they are. */
  body?: unknown;
  contentType?: string;
}

/** One request to the sandbox; the body parsed as JSON when it is JSON. */
export async function call(method: string, path: string, request: Request = {}): Promise<Observed> {
  const headers: Record<string, string> = {
    ...(request.bearer ? { Authorization: `Bearer ${request.bearer}` } : credentials[request.as ?? 'athlete']),
    ...request.headers,
  };
  let body: string | Blob | undefined;
  if (request.body !== undefined) {
    body =
      typeof request.body === 'string'
        ? request.body
        : request.body instanceof Uint8Array
          ? new Blob([request.body as Uint8Array<ArrayBuffer>])
          : JSON.stringify(request.body);
    headers['Content-Type'] = request.contentType ?? 'application/json';
  }
  const res = await fetch(`${inject('sandboxUrl')}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: kept as text, and the assertions below say so.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/**
 * `call` for an upload past the operation's limit. It is tried a second time when the first
 * attempt breaks on the connection itself (`EPIPE`, `ECONNRESET`: seen once in CI on a loaded
 * machine, a 32 MiB import whose answer never arrived), never on any answer: the status and
 * body asserted are those of a real answer.
 */
export async function callOversized(method: string, path: string, request: Request): Promise<Observed> {
  try {
    return await call(method, path, request);
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code !== 'EPIPE' && code !== 'ECONNRESET') throw error;
    return call(method, path, request);
  }
}

/** What `expectApi` checks beyond the status. */
export interface Expected {
  code?: string;
  field?: string | null;
  /** Whether Prism must find the request valid (default: for statuses below 400). */
  validRequest?: boolean;
}

/**
 * The assertion of the server suites: the API's status (and code and field), zero findings
 * from Prism on the response (and on the request, when it was meant to be valid); then the
 * (operation, status) pair is recorded for the coverage gate.
 */
export function apiExpectation(recorder: CoverageRecorder) {
  return function expectApi(observed: Observed, operationId: OperationId, status: number, expected: Expected = {}): void {
    const found = findings(observed.headers);
    expect(observed.status, JSON.stringify(observed.body)).toBe(status);
    expect(found.response, 'Prism found the response off-contract').toEqual([]);
    if (expected.validRequest ?? status < 400) expect(found.request, 'Prism found the valid request off-contract').toEqual([]);
    if (expected.code) expect(observed.body?.details?.code).toBe(expected.code);
    if (expected.field !== undefined) expect(observed.body?.details?.field).toBe(expected.field ?? undefined);
    recorder.record('server', operationId, status);
  };
}
