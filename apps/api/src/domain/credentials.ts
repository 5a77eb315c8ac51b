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

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random identifier: the prefix, an underscore, then `length` letters and digits.
 *
 * @example
 * ```ts
 * randomId('race'); // "race_q3ZkP0c9LmT2xV7a"
 * ```
 */
export function randomId(prefix: string, length = 16): string {
  const bytes = randomBytes(length);
  let id = '';
  // 62 does not divide 256 evenly; the tiny bias is irrelevant for identifiers.
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `${prefix}_${id}`;
}
