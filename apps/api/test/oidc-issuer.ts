// A local OpenID Connect issuer for the Firebase exchange tests: a node:http server on
// 127.0.0.1 serving the JWKS of an RS256 key pair generated with jose, and a signer of ID
// tokens (Firebase's claims) with that key or another.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { OidcSettings } from '../src/app.js';

export interface LocalIssuer {
  /** What the API is configured with (`OIDC_ISSUER`, `OIDC_AUDIENCE`, `OIDC_JWKS_URL`). */
  settings: OidcSettings;
  /**
   * An ID token issued at `now` for an hour by this issuer for the API, `email_verified: true`,
   * with `claims` on top (any of those may be overridden); `foreignKey` signs it with a key
   * the JWKS does not publish.
   */
  sign(claims: JWTPayload, options: { now: Date; foreignKey?: boolean; expiresInSeconds?: number }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts an issuer on a free port.
 *
 * @example
 * ```ts
 * const issuer = await startLocalIssuer();
 * const idToken = await issuer.sign({ sub: 'fb_1', email: 'lena@example.com' }, { now });
 * ```
 */
export async function startLocalIssuer(): Promise<LocalIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = createServer((request, response) => {
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const settings: OidcSettings = {
    issuer: 'https://securetoken.google.com/astral-test',
    audience: 'astral-test',
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
  };
  return {
    settings,
    sign: (claims, { now, foreignKey, expiresInSeconds = 3600 }) => {
      const iat = Math.floor(now.getTime() / 1000);
      const payload = { iss: settings.issuer, aud: settings.audience, iat, exp: iat + expiresInSeconds, email_verified: true, ...claims };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(foreignKey ? foreign.privateKey : privateKey);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
