// An injectable fetch for the unit tests: answers from a list of responders, one per call,
// and records each request as the server would see it.
import { componentExample } from '@astral/openapi/contract';
import type { FetchLike } from '../src/index.js';

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Responder = (request: Request) => Response | Promise<Response>;

export function fakeFetch(...responders: Responder[]): FetchLike & { calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetch = async (request: Request) => {
    calls.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.clone().text(),
    });
    const responder = responders[Math.min(calls.length, responders.length) - 1];
    if (!responder) throw new Error('fakeFetch: no responder');
    return responder(request);
  };
  return Object.assign(fetch, { calls });
}

export const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Responder =>
  () =>
    Response.json(body, { status, headers });

export const apiError = (status: number, code: string, field?: string, headers: Record<string, string> = {}) =>
  json({ error: `${code} happened`, details: field === undefined ? { code } : { code, field } }, status, headers);

/** Never answers; rejects with the signal's reason when the request is aborted. */
export const hang: Responder = (request) =>
  new Promise<Response>((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });

export const baseUrl = 'http://127.0.0.1:4010/api/v1';

/** The contract's Race example (built from its schema's examples), the one fixture of a race. */
export const race = componentExample('Race');
