// The coverage gate's bookkeeping: every (operation, documented status) pair of the bundled
// contract, which of them a test observed against each target, and the reviewed exemptions.
import { readFileSync } from 'node:fs';
import { operationIds, operationTable } from '@astral/openapi';

export type TargetName = 'mock' | 'server';
export const allTargets: readonly TargetName[] = ['mock', 'server'];

export interface Pair {
  operationId: string;
  status: number;
}

export interface Exemption extends Pair {
  target: TargetName;
  reason: string;
}

/** Every (operationId, status) the contract documents, in contract order, from the operation table. */
export function contractPairs(): Pair[] {
  return operationIds.flatMap((operationId) => operationTable[operationId].statuses.map((status: number) => ({ operationId, status })));
}

/** The reviewed exemptions (coverage-exemptions.json), each with its reason. */
export function loadExemptions(): Exemption[] {
  const file = new URL('../../coverage-exemptions.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { exemptions: Exemption[] };
  for (const exemption of parsed.exemptions) {
    if (!exemption.reason || exemption.reason.trim().length < 10) {
      throw new Error(`coverage-exemptions.json: ${exemption.target} ${exemption.operationId} ${exemption.status} needs a reason`);
    }
  }
  return parsed.exemptions;
}

const key = (target: TargetName, operationId: string, status: number) => `${target} ${operationId} ${status}`;

/** The pairs observed in this run. A test records a pair only after asserting the status. */
export class CoverageRecorder {
  private readonly seen = new Set<string>();

  record(target: TargetName, operationId: string, status: number): void {
    this.seen.add(key(target, operationId, status));
  }

  has(target: TargetName, operationId: string, status: number): boolean {
    return this.seen.has(key(target, operationId, status));
  }

  /** Observed pairs the contract does not document (a test drove an undocumented status). */
  undocumented(pairs: readonly Pair[]): string[] {
    const documented = new Set(allTargets.flatMap((t) => pairs.map((p) => key(t, p.operationId, p.status))));
    return [...this.seen].filter((k) => !documented.has(k));
  }
}

/** The coverage table: one row per pair, a column per target (✓ exercised, – exempt, ✗ missing). */
export function coverageTable(
  pairs: readonly Pair[],
  recorder: CoverageRecorder,
  exemptions: readonly Exemption[],
  targets: readonly TargetName[] = allTargets,
): string {
  const exempt = new Set(exemptions.map((e) => key(e.target, e.operationId, e.status)));
  const cell = (t: TargetName, p: Pair) =>
    recorder.has(t, p.operationId, p.status) ? 'yes' : exempt.has(key(t, p.operationId, p.status)) ? 'exempt' : 'MISSING';
  const rows = pairs.map((p) => [p.operationId, String(p.status), ...targets.map((t) => cell(t, p))]);
  const header = ['operation', 'status', ...targets];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const total = pairs.length * targets.length;
  const covered = pairs.reduce((n, p) => n + targets.filter((t) => recorder.has(t, p.operationId, p.status)).length, 0);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `${covered}/${total} (operation, status, target) triples exercised; ${exemptions.length} exempt with a reason`,
  ].join('\n');
}

/**
 * Missing pairs (not exercised, not exempt) and stale exemptions (exercised anyway, or not in
 * the contract), over `targets` (the postgres lane checks the server only).
 */
export function gateProblems(
  pairs: readonly Pair[],
  recorder: CoverageRecorder,
  exemptions: readonly Exemption[],
  targets: readonly TargetName[] = allTargets,
): string[] {
  const problems: string[] = [];
  const exempt = new Set(exemptions.map((e) => key(e.target, e.operationId, e.status)));
  for (const t of targets) {
    for (const p of pairs) {
      if (!recorder.has(t, p.operationId, p.status) && !exempt.has(key(t, p.operationId, p.status))) {
        problems.push(`not exercised against the ${t}: ${p.operationId} ${p.status}`);
      }
    }
  }
  const documented = new Set(pairs.map((p) => `${p.operationId} ${p.status}`));
  for (const e of exemptions) {
    if (!documented.has(`${e.operationId} ${e.status}`))
      problems.push(`stale exemption, not in the contract: ${e.target} ${e.operationId} ${e.status}`);
    else if (recorder.has(e.target, e.operationId, e.status))
      problems.push(`stale exemption, exercised after all: ${e.target} ${e.operationId} ${e.status}`);
  }
  for (const k of recorder.undocumented(pairs)) problems.push(`exercised but not documented by the contract: ${k}`);
  return problems;
}
