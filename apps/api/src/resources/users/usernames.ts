/**
 * Usernames a new account gets when it does not choose one: the part of its email address
 * before the `@`, made valid (`^[A-Za-z0-9_]{3,30}$`) and unique ignoring case.
 */
import { caseKey } from '../../storage/dialect.js';

const maxLength = 30;

/**
 * The username an address suggests, before uniqueness: every character the contract does not
 * allow becomes `_`, cut to 30; a name under 3 characters gets `_runner`.
 *
 * @example
 * ```ts
 * usernameBase('maya.runs@example.com'); // "maya_runs"
 * usernameBase('jo@example.com'); // "jo_runner"
 * ```
 */
export function usernameBase(email: string): string {
  const local = email.slice(0, email.lastIndexOf('@') === -1 ? email.length : email.lastIndexOf('@'));
  const base = local.replace(/[^A-Za-z0-9_]/g, '_').slice(0, maxLength);
  return base.length >= 3 ? base : `${base}_runner`.slice(0, maxLength);
}

/**
 * The first of `base`, `base2`, `base3`... (cut so it stays within 30 characters) whose
 * lowercased form is not in `taken`.
 *
 * @example
 * ```ts
 * freeUsername('maya_runs', new Set(['maya_runs'])); // "maya_runs2"
 * ```
 */
export function freeUsername(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : String(n);
    const candidate = base.slice(0, maxLength - suffix.length) + suffix;
    if (!taken.has(caseKey(candidate))) return candidate;
  }
}
