/**
 * Credentials are stored as SHA-256 hashes, never in plain text. Tokens and keys are
 * long random secrets, so an unsalted fast hash is enough to make a leaked database
 * useless for signing in, and it keeps the lookup a single indexed equality.
 */
import { createHash } from 'node:crypto';

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

/** A new secret of a kind, in the one format of `domain/secrets.ts`. */
export { newSecret } from '../../domain/secrets.js';
