// Small helpers for talking to the servers over real HTTP and reading Prism's findings.
import { parseViolations, type Violation } from '@astral/mock';

export interface Observed {
  status: number;
  headers: Headers;
  body: any;
}

/** Prism's findings on a response, split by side. */
export function findings(headers: Headers): { request: Violation[]; response: Violation[] } {
  const all = parseViolations(headers.get('sl-violations') ?? undefined);
  return { request: all.filter((v) => v.location[0] === 'request'), response: all.filter((v) => v.location[0] !== 'request') };
}

/** A `fetch` for the client that remembers the last response, so tests can read its headers. */
export function recordingFetch(): { fetch: (request: Request) => Promise<Response>; last: () => Response } {
  let last: Response | undefined;
  return {
    fetch: async (request) => {
      last = await fetch(request);
      return last;
    },
    last: () => {
      if (!last) throw new Error('no request was sent');
      return last;
    },
  };
}
