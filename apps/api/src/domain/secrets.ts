/**
 * The one format of every secret the API issues, in the style of GitHub's tokens: a fixed
 * prefix naming the kind (no identifier starts with `astral_`), 40 random base62 characters
 * (about 238 bits) and a 6-character checksum, the CRC32 of those 40 characters in base62
 * (`0-9A-Za-z`, left-padded with `0`). A secret scanner recognises a leaked secret by its
 * prefix and confirms it offline by its checksum; the API refuses a malformed one before it
 * looks anything up. The contract states the same format (`openapi/description.md`,
 * *Credentials*, and the token schemas' `pattern`s).
 */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Each kind of secret and its prefix. */
export const secretPrefixes = {
  /** Access tokens (`Authorization: Bearer`), from sign-in, sign-up, refresh and the admin CLI. */
  accessToken: 'astral_at_',
  /** The emailed link that verifies an address (sign-up). */
  verificationToken: 'astral_ev_',
  /** The emailed link that resets a password. */
  resetToken: 'astral_pr_',
  /** An organization invitation's token (a link's, or an email's). */
  invitationToken: 'astral_it_',
  /** An organization's API key (`X-API-Key`); the prefix keys had before the checksum. */
  apiKey: 'astral_live_',
  /** A plan instance's calendar feed (`?feed_token=` in the feed's URL): reads one calendar for its maker. */
  calendarFeed: 'astral_cf_',
} as const;

export type SecretKind = keyof typeof secretPrefixes;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Random characters of a secret's body. */
export const SECRET_BODY_LENGTH = 40;
/** Characters of the checksum after the body (62^6 > 2^32). */
export const SECRET_CHECKSUM_LENGTH = 6;
const BODY = new RegExp(`^[0-9A-Za-z]{${SECRET_BODY_LENGTH + SECRET_CHECKSUM_LENGTH}}$`);

/** CRC32 of the body, in base62, left-padded to six characters. */
function checksum(body: string): string {
  let n = crc32(body);
  let out = '';
  for (let i = 0; i < SECRET_CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62]! + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** `count` base62 characters from the CSPRNG, without modulo bias (bytes of 248 and above are drawn again). */
function randomBase62(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const byte of randomBytes(count)) {
      if (byte < 248 && out.length < count) out += BASE62[byte % 62];
    }
  }
  return out;
}

/**
 * A new secret of a kind: show it once, store only `hashCredential(secret)`.
 *
 * @example
 * ```ts
 * newSecret('accessToken'); // "astral_at_" + 40 random characters + 6 checksum characters
 * ```
 */
export function newSecret(kind: SecretKind): string {
  return secretFromBody(kind, randomBase62(SECRET_BODY_LENGTH));
}

/**
 * The secret of a kind with a given body (40 base62 characters): for seeded development data
 * that must be well-formed and stable. Never for a real secret.
 *
 * @example
 * ```ts
 * secretFromBody('invitationToken', 'DevJoinLink'.padEnd(40, '0')); // "astral_it_DevJoinLink000…" + checksum
 * ```
 */
export function secretFromBody(kind: SecretKind, body: string): string {
  if (!BODY.test(body + '0'.repeat(SECRET_CHECKSUM_LENGTH)))
    throw new TypeError(`a secret's body is ${SECRET_BODY_LENGTH} base62 characters`);
  return `${secretPrefixes[kind]}${body}${checksum(body)}`;
}

/**
 * Whether a value is a well-formed secret of the kind: its prefix, 46 base62 characters, and
 * a checksum that matches. Needs no storage: run it before any lookup.
 *
 * @example
 * ```ts
 * isWellFormedSecret(newSecret('apiKey'), 'apiKey'); // true
 * isWellFormedSecret('inv_Qs5UXVT8PZjs52q5', 'invitationToken'); // false
 * ```
 */
export function isWellFormedSecret(value: string, kind: SecretKind): boolean {
  const prefix = secretPrefixes[kind];
  if (!value.startsWith(prefix)) return false;
  const rest = value.slice(prefix.length);
  if (!BODY.test(rest)) return false;
  return checksum(rest.slice(0, SECRET_BODY_LENGTH)) === rest.slice(SECRET_BODY_LENGTH);
}

/**
 * Development credentials: lowercase words joined by hyphens (`dev-athlete-token`,
 * `dev-org-key`). Seeded and used by tests, they are accepted only outside production, and
 * cannot be mistaken for a real secret (which has `_`, mixed case and a checksum), nor
 * flagged by a secret scanner in the README where they are meant to be read.
 *
 * @example
 * ```ts
 * isDevelopmentCredential('dev-athlete-token'); // true
 * isDevelopmentCredential('astral_at_…'); // false
 * ```
 */
export function isDevelopmentCredential(value: string): boolean {
  return value.length <= 64 && /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(value);
}

/**
 * API keys made before keys had a checksum, still honoured until they are revoked: an
 * `astral_live_` key from `POST /organizations/{org_id}/api-keys`, or a `key_` key from the
 * first release's admin CLI, each with 43 base64url characters (migration note in
 * apps/api/README.md, *Secrets*). Neither kind is issued any more.
 *
 * @example
 * ```ts
 * isLegacyApiKey('astral_live_' + 'A'.repeat(43)); // true
 * ```
 */
export function isLegacyApiKey(value: string): boolean {
  return /^(?:astral_live_|key_)[A-Za-z0-9_-]{43}$/.test(value);
}
