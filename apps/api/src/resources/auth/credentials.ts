/**
 * Credentials are stored as SHA-256 hashes, never in plain text. Tokens and keys are
 * long random secrets, so an unsalted fast hash is enough to make a leaked database
 * useless for signing in, and it keeps the lookup a single indexed equality.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * The stored form of a token or API key.
 *
 * @example
 * ```ts
 * hashCredential('dev-athlete-token').length; // 64 (hex)
 * ```
 */
export function hashCredential(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * A new secret: the prefix, an underscore, 32 random bytes URL-safe.
 *
 * @example
 * ```ts
 * newSecret('tok'); // "tok_3q0Vb..." (show it once, store hashCredential(it))
 * ```
 */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
