/**
 * The fuzz loop: sample requests from the contract with a fixed seed, send each, check each
 * answer, and collect every failure with its reproducer (not just the first, so one run
 * reports every distinct bug).
 */
import fc from 'fast-check';
import type { ApiRequest, Send } from './exchange.js';
import { anyRequest, type RequestContext } from './requests.js';
import { checkResponse } from './check-response.js';
import { formatReproducer } from './reproducer.js';
import { operationIds, type OperationId } from './contract.js';

/** The seed every run uses unless `FUZZ_SEED` says otherwise, so a run is replayable. */
export const DEFAULT_SEED = 20_250_805;

/** `FUZZ_SEED` from the environment, else {@link DEFAULT_SEED}. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.FUZZ_SEED === undefined || env.FUZZ_SEED === '' ? DEFAULT_SEED : Number(env.FUZZ_SEED);
  if (!Number.isInteger(value)) throw new Error(`FUZZ_SEED must be an integer, got "${env.FUZZ_SEED}"`);
  return value;
}

/** One failed request. */
export interface FuzzFailure {
  index: number;
  request: ApiRequest;
  status: number | 'no answer';
  problems: string[];
  reproducer: string;
}

/** What a fuzz run saw. */
export interface FuzzReport {
  seed: number;
  sent: number;
  byStatus: Record<string, number>;
  /** Requests answered, per operation (an operation never sent is absent). */
  byOperation: Partial<Record<OperationId, number>>;
  failures: FuzzFailure[];
  elapsedMs: number;
}

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  send: Send;
  context: RequestContext;
  seed: number;
  numRuns: number;
  /** Requests in flight at once (1 in-process; more over HTTP). */
  concurrency?: number;
  /** Share of requests with one thing broken. */
  invalidShare?: number;
  /** Credential values that must never be echoed. */
  secrets?: string[];
  /** Whether every documented response header must be present (`CheckOptions.requireDocumentedHeaders`). */
  requireDocumentedHeaders?: boolean;
  baseUrl?: string;
}

/**
 * Sends `numRuns` contract-generated requests and checks every answer.
 *
 * @example
 * ```ts
 * const report = await runFuzz({ send: injectTransport(app), context, seed: fuzzSeed(), numRuns: 2000 });
 * report.failures.length; // 0 when the API holds
 * ```
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const requests = fc.sample(anyRequest(options.context, options.invalidShare), { seed: options.seed, numRuns: options.numRuns });
  const byStatus: Record<string, number> = {};
  const byOperation: Partial<Record<OperationId, number>> = {};
  const failures: FuzzFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index]!;
      const fail = (status: FuzzFailure['status'], problems: string[]) =>
        failures.push({
          index,
          request,
          status,
          problems,
          reproducer: formatReproducer(request, { seed: options.seed, index, baseUrl: options.baseUrl }),
        });
      try {
        const response = await options.send(request);
        byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
        byOperation[request.operationId] = (byOperation[request.operationId] ?? 0) + 1;
        const problems = checkResponse(request, response, {
          secrets: options.secrets,
          requireDocumentedHeaders: options.requireDocumentedHeaders,
        });
        if (problems.length > 0) fail(response.status, problems);
      } catch (error) {
        byStatus['no answer'] = (byStatus['no answer'] ?? 0) + 1;
        fail('no answer', [`no answer: ${(error as Error).message}`]);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  return { seed: options.seed, sent: requests.length, byStatus, byOperation, failures, elapsedMs: performance.now() - started };
}

/**
 * The contract's operations a run never got an answer from, in contract order: a fuzz run
 * that leaves one out proves nothing about it.
 *
 * @example
 * ```ts
 * expect(neverExercised(report), 'operations the fuzz never reached').toEqual([]);
 * ```
 */
export function neverExercised(report: Pick<FuzzReport, 'byOperation'>): OperationId[] {
  return operationIds.filter((id) => !report.byOperation[id]);
}

/**
 * A readable summary of the failures: grouped by problem, the first reproducer of each.
 * Empty string when there are none.
 */
export function describeFailures(report: FuzzReport, perGroup = 2): string {
  if (report.failures.length === 0) return '';
  const groups = new Map<string, FuzzFailure[]>();
  for (const failure of report.failures) {
    // Group by the problem text without the volatile parts (quoted values, numbers).
    const key = failure.problems.map((p) => p.replace(/"[^"]*"|\d+/g, '…').slice(0, 140)).join(' | ');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(failure);
  }
  const lines = [
    `${report.failures.length} of ${report.sent} requests failed (seed ${report.seed}; replay with FUZZ_SEED=${report.seed}), ${groups.size} distinct problems:`,
  ];
  for (const [, failures] of [...groups].slice(0, 15)) {
    lines.push('', `● ${failures.length}× ${failures[0]!.problems.join('\n    ')}`);
    for (const failure of failures.slice(0, perGroup)) lines.push(`  ${failure.reproducer}`, `  → got ${failure.status}`);
  }
  return lines.join('\n');
}
