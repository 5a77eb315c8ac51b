/** Identifiers the API mints: a type prefix, an underscore, random letters and digits. */
import { randomBytes } from 'node:crypto';

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
