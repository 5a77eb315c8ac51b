/** Identifiers the API mints: a type prefix, an underscore, random letters and digits. */
import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Random bytes drawn from the CSPRNG a few kilobytes at a time and handed out once each, as
 * `crypto.randomUUID` does: one call into OpenSSL per request cost more than the rest of
 * minting the identifier.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function takeRandomBytes(count: number): Buffer {
  if (offset + count > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, count));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + count);
  offset += count;
  return bytes;
}

/**
 * A random identifier: the prefix, an underscore, then `length` letters and digits.
 *
 * @example
 * ```ts
 * randomId('race'); // "race_q3ZkP0c9LmT2xV7a"
 * ```
 */
export function randomId(prefix: string, length = 16): string {
  const bytes = takeRandomBytes(length);
  let id = '';
  // 62 does not divide 256 evenly; the tiny bias is irrelevant for identifiers.
  for (let i = 0; i < length; i++) id += alphabet[bytes[i]! % alphabet.length];
  return `${prefix}_${id}`;
}
