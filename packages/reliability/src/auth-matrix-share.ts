/**
 * The share of the auth matrix a second database lane runs: what reaches the storage. A
 * credential the API looks up (a well-formed Bearer token or an API key, whether valid,
 * unknown, expired or revoked, and every owner's or stranger's credential) runs on every
 * operation, and so does a credential of a query scheme (`feed_token`, looked up where its
 * scheme is listed); credentials refused before any lookup (none, malformed, others in the
 * query string) answer the same whatever the database, so one cell per operation keeps them.
 */
import { queryCredentialParameters, type MatrixCell } from './auth-matrix.js';
import type { CredentialCase } from './credential-cases.js';

/** Whether the API asks its storage about this credential (it is well-formed). */
export function looksUp(credentials: CredentialCase): boolean {
  if (credentials.acting !== 'anonymous') return true;
  const { authorization } = credentials.headers;
  // A query credential of the contract's query schemes is looked up where listed (a well-formed one).
  const inQuery = Object.values(queryCredentialParameters()).some((name) => credentials.query?.[name] !== undefined);
  return (authorization !== undefined && /^Bearer \S+$/.test(authorization)) || credentials.headers['x-api-key'] !== undefined || inQuery;
}

/**
 * Every cell whose credential reaches the storage, and of the others the first per operation.
 *
 * @example
 * ```ts
 * storageShare(authMatrix(cases)).length < authMatrix(cases).length; // true
 * ```
 */
export function storageShare(cells: readonly MatrixCell[]): MatrixCell[] {
  const kept = new Set<string>();
  return cells.filter((cell) => {
    if (looksUp(cell.credentials)) return true;
    if (kept.has(cell.operationId)) return false;
    kept.add(cell.operationId);
    return true;
  });
}
