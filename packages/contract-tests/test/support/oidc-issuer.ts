// A local OpenID Connect issuer for the Firebase exchange: a key pair, its JWKS served over
// HTTP on a loopback port, and ID tokens signed with it, as Firebase's would be. The global
// setup runs the issuer; tests sign with the private key it provides.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

/** What the tests need to mint ID tokens the sandbox trusts (serialisable for `provide`). */
export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  privateJwk: JWK;
}

export interface RunningIssuer {
  settings: OidcSettings;
  close(): Promise<void>;
}

const kid = 'contract-key';

/** Serves a fresh key pair's JWKS on 127.0.0.1 at a free port. */
export async function startOidcIssuer(audience = 'astral-contract-tests'): Promise<RunningIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const server = createServer((request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(request.url === '/jwks.json' ? { keys: [jwk] } : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    settings: { issuer: origin, audience, jwksUrl: `${origin}/jwks.json`, privateJwk: await exportJWK(privateKey) },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** An ID token from the issuer for `subject`, with these claims (`email`, `email_verified`...). */
export async function signIdToken(settings: OidcSettings, subject: string, claims: Record<string, unknown>): Promise<string> {
  const key = await importJWK(settings.privateJwk, 'RS256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}
