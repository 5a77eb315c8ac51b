/**
 * Passwords: stored only as argon2id hashes (@node-rs/argon2's defaults: 19 MiB, 2 passes,
 * 1 lane, the OWASP baseline), checked in constant time by argon2 itself.
 */
import { hash, hashSync, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { InvalidError } from '../../domain/errors.js';

/** The rules of the contract's `NewPassword`, in words: also the error's message. */
const rules = 'password must be at least 8 characters with an uppercase letter, a lowercase letter and a digit';

/**
 * Refuses a password that breaks the contract's rules (the server already refused it by the
 * schema's pattern; checked again so the rule holds whoever calls the service).
 *
 * @example
 * ```ts
 * checkPasswordRules('Tempo-Run-2025'); // fine
 * checkPasswordRules('short'); // throws InvalidError on password
 * ```
 */
export function checkPasswordRules(password: string): void {
  const fits = password.length >= 8 && password.length <= 128 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /[0-9]/.test(password);
  if (!fits) throw new InvalidError('password', rules);
}

/**
 * The argon2id hash (PHC string) of a password.
 *
 * @example
 * ```ts
 * await hashPassword('Tempo-Run-2025'); // "$argon2id$v=19$m=19456,t=2,p=1$..."
 * ```
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * The same, blocking: for the development seed, built synchronously once per process.
 *
 * @example
 * ```ts
 * hashPasswordSync('Tempo-Run-2025').startsWith('$argon2id$'); // true
 * ```
 */
export function hashPasswordSync(password: string): string {
  return hashSync(password);
}

// Checked against when there is no account (or no password): a sign-in for an unknown
// address costs what one for a known address does, so timing does not tell them apart.
// Computed once, at start, so the first such sign-in is no slower than the next.
const dummyHash: Promise<string> = hash(randomBytes(16).toString('base64url'));

/**
 * Whether `password` matches `passwordHash`; with no hash (no such account, or one without a
 * password) it checks against a dummy hash and answers false, taking as long as a real check.
 *
 * @example
 * ```ts
 * await passwordMatches(user?.passwordHash ?? null, body.password);
 * ```
 */
export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
