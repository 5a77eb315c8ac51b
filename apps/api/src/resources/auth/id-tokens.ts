/**
 * Firebase ID tokens: OpenID Connect ID tokens (RS256 JWTs) verified against the configured
 * issuer's published keys (JWKS, fetched and cached by jose), issuer, audience and expiry.
 * Firebase's values: issuer `https://securetoken.google.com/<project>`, audience `<project>`,
 * keys at `https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com`.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { InvalidTokenError } from '../../domain/errors.js';

/** Where ID tokens come from (`OIDC_ISSUER`, `OIDC_AUDIENCE`, `OIDC_JWKS_URL`). */
export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

/** What a verified ID token says about its holder. */
export interface VerifiedIdentity {
  /** The issuer's user id (`sub`: the Firebase UID). */
  subject: string;
  /** A verified email address. */
  email: string;
  /** The holder's name, when the token carries one. */
  name: string | undefined;
}

/** Verifies an ID token, or throws `InvalidTokenError` on `firebase_id_token`. */
export type IdTokenVerifier = (idToken: string, now: Date) => Promise<VerifiedIdentity>;

const field = 'firebase_id_token';

/**
 * The verifier for an issuer; without one configured, every token is refused.
 *
 * @example
 * ```ts
 * const verify = idTokenVerifier({ issuer, audience, jwksUrl });
 * const { subject, email } = await verify(body.firebase_id_token, new Date());
 * ```
 */
export function idTokenVerifier(settings: OidcSettings | undefined): IdTokenVerifier {
  if (!settings) {
    return async () => {
      throw new InvalidTokenError(field, 'Sign-in with Firebase is not configured on this server');
    };
  }
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (idToken, now) => {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(idToken, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ['RS256'],
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new InvalidTokenError(field, 'The ID token could not be verified', { cause: error });
    }
    const { sub, email, email_verified: emailVerified, name } = claims;
    if (typeof sub !== 'string' || sub === '' || typeof email !== 'string' || email === '') {
      throw new InvalidTokenError(field, 'The ID token carries no user or no email address');
    }
    if (emailVerified !== true) throw new InvalidTokenError(field, 'The email address of the ID token is not verified');
    return { subject: sub, email, name: typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined };
  };
}
