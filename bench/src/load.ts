// HTTP load with autocannon over loopback: requests/s and latency percentiles, failing
// loudly when a single request errors or answers an unexpected status.
import autocannon from 'autocannon';
import { interleave, median } from './measure.js';
import { processCpuSeconds } from './process-cpu.js';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  /** A fixed body, or one built per request (POST bodies that must stay unique). */
  body?: string | (() => string);
  /** The path of each request, when it changes per request (reads spread over many rows); `url` gives the origin. */
  path?: () => string;
  expectStatus: number;
  connections?: number;
  seconds?: number;
  /** The server's process: its CPU per request is measured too (Linux). */
  serverPid?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** The server process's CPU time per completed request, in µs (when serverPid is given, on Linux). */
  cpuPerRequest?: number;
}

/**
 * @example
 * const { requestsPerSecond } = await load({ url: 'http://127.0.0.1:3000/api/v1/races/race_1', expectStatus: 200 });
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const { body } = options;
  let unexpected = 0;
  let firstUnexpected = '';
  const cpuBefore = options.serverPid === undefined ? undefined : processCpuSeconds(options.serverPid);
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: typeof body === 'string' ? body : undefined,
    requests:
      typeof body === 'function' || options.path
        ? [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                ...(typeof body === 'function' ? { body: body() } : {}),
                ...(options.path ? { path: options.path() } : {}),
              }),
            },
          ]
        : undefined,
    connections: options.connections ?? 10,
    duration: options.seconds ?? 5,
    setupClient: (client: autocannon.Client) => {
      // 'response' carries the status, not the body (its third argument is the duration):
      // the body arrives before it, through 'body'.
      let lastBody: Buffer | undefined;
      client.on('body', (chunk: Buffer) => {
        lastBody = chunk;
      });
      client.on('response', (status: number) => {
        if (status !== options.expectStatus) {
          unexpected++;
          firstUnexpected ||= `${status} ${lastBody?.toString().slice(0, 300) ?? ''}`;
        }
        lastBody = undefined;
      });
    },
  });
  if (result.errors > 0 || result.timeouts > 0 || unexpected > 0) {
    throw new Error(
      `${options.method ?? 'GET'} ${options.url}: ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${unexpected} unexpected statuses (first: ${firstUnexpected})`,
    );
  }
  const cpuAfter = options.serverPid === undefined ? undefined : processCpuSeconds(options.serverPid);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuPerRequest: ((cpuAfter - cpuBefore) * 1e6) / result.requests.total } : {}),
  };
}

/**
 * The same load against several servers in alternating rounds (A B C, A B C), each
 * variant's median requests/s and latencies.
 * @example
 * const { api, http } = await compareLoad(2, { api: { url: a, expectStatus: 200 }, http: { url: b, expectStatus: 200 } });
 */
export async function compareLoad<K extends string>(rounds: number, variants: Record<K, LoadOptions>): Promise<Record<K, LoadResult>> {
  const samples = await interleave<K, LoadResult>(
    rounds,
    Object.fromEntries(Object.entries<LoadOptions>(variants).map(([key, options]) => [key, () => load(options)])) as Record<
      K,
      () => Promise<LoadResult>
    >,
  );
  return Object.fromEntries(Object.entries<LoadResult[]>(samples).map(([key, results]) => [key, medianResult(results)])) as Record<
    K,
    LoadResult
  >;
}

/** Each figure's median over the rounds of one variant. */
export function medianResult(results: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    ...(results.every((r) => r.cpuPerRequest !== undefined) ? { cpuPerRequest: median(results.map((r) => r.cpuPerRequest!)) } : {}),
  };
}
