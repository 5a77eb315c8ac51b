// Credentials, as a caller and a secret scanner see them: the one secret format
// (domain/secrets.ts) checked the way the description tells a scanner to check it; a malformed
// credential refused before any lookup; no or bad credentials a 401 and a valid credential an
// operation does not list a 403, over every operation of the contract; legacy API keys; and
// the security headers on every kind of answer.
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { operationIds, operationTable } from '@astral/openapi';
import { contract, operationSecurity } from '@astral/openapi/contract';
import { securityHeaders } from '@astral/server';
import { isDevelopmentCredential, isWellFormedSecret, newSecret, secretPrefixes, type SecretKind } from '../src/domain/secrets.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { createAuthenticator } from '../src/resources/auth/service.js';
import { devCredentials, seedIds } from '../src/seed/build.js';
import { errorOf, testApp } from './helpers.js';

const kinds = Object.keys(secretPrefixes) as SecretKind[];

/** What a secret scanner does with the description's *Secret format*: the pattern it states, then the checksum. */
const scannerSource = /Secret scanners match\s+`([^`]+)`/.exec(String(contract.info.description))![1]!;
const scannerPattern = new RegExp(scannerSource.replace(/\((?!\?)/g, '(?:'), 'g');
function scannerConfirms(candidate: string): boolean {
  const tail = candidate.slice(-46);
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let sum = 0;
  for (let i = 40; i < 46; i++) sum = sum * 62 + digits.indexOf(tail.charAt(i));
  return sum === crc32(tail.slice(0, 40));
}

/** Every ID prefix the contract's patterns name (`^usr_[A-Za-z0-9]...`). */
function idPrefixes(): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const match = key === 'pattern' && typeof value === 'string' ? /^\^([a-z]+)_\[A-Za-z0-9\]/.exec(value) : null;
        if (match) found.add(`${match[1]}_`);
        walk(value);
      }
    }
  };
  walk(contract);
  return [...found];
}

const schemaPattern = (name: string, property?: string) => {
  const schema = (contract.components?.schemas as Record<string, { pattern?: string; properties?: Record<string, { pattern?: string }> }>)[
    name
  ]!;
  return new RegExp((property ? schema.properties![property]! : schema).pattern!);
};

describe('the secret format', () => {
  it('gives every kind its own prefix, which no ID uses, and a checksum a scanner confirms offline', () => {
    const ids = idPrefixes();
    expect(ids).toEqual(expect.arrayContaining(['usr_', 'org_', 'inv_', 'key_']));
    const prefixes = Object.values(secretPrefixes);
    expect(new Set(prefixes).size).toBe(kinds.length);
    for (const kind of kinds) {
      const secret = newSecret(kind);
      expect(secret.startsWith(secretPrefixes[kind])).toBe(true);
      expect(ids.filter((id) => secret.startsWith(id))).toEqual([]);
      expect(secret.match(scannerPattern)).toEqual([secret]);
      expect(scannerConfirms(secret)).toBe(true);
      expect(isWellFormedSecret(secret, kind)).toBe(true);
      // One character changed: the scanner and the API both see a forgery.
      const forged = `${secret.slice(0, 20)}${secret[20] === 'a' ? 'b' : 'a'}${secret.slice(21)}`;
      expect(scannerConfirms(forged)).toBe(false);
      expect(isWellFormedSecret(forged, kind)).toBe(false);
      // A secret of one kind is not one of another.
      for (const other of kinds.filter((k) => k !== kind)) expect(isWellFormedSecret(secret, other)).toBe(false);
    }
  });

  it('is the format the contract states for every token and key field', () => {
    expect(schemaPattern('AccessTokenValue').test(newSecret('accessToken'))).toBe(true);
    expect(schemaPattern('EmailedToken').test(newSecret('verificationToken'))).toBe(true);
    expect(schemaPattern('EmailedToken').test(newSecret('resetToken'))).toBe(true);
    expect(schemaPattern('InvitationToken').test(newSecret('invitationToken'))).toBe(true);
    expect(schemaPattern('ApiKeyCreatedEnvelope', 'secret').test(newSecret('apiKey'))).toBe(true);
    const feedUrl = `https://app.nexrex.ai/api/v1/training/plan-instances/pli_leospring/calendar.ics?feed_token=${newSecret('calendarFeed')}`;
    expect(schemaPattern('CalendarFeedUrl').test(feedUrl)).toBe(true);
    expect(schemaPattern('CalendarFeedUrl').test(feedUrl.replace('astral_cf_', 'astral_at_'))).toBe(false);
    // The old invitation token looked like an invitation ID; the contract refuses it now.
    expect(schemaPattern('InvitationToken').test('inv_Qs5UXVT8PZjs52q5VKm6bfpRjbKGCNG07Xkl7LSd69E')).toBe(false);
  });
});

describe('the authenticator', () => {
  const storage = () => ({
    users: { findByTokenHash: vi.fn(async () => undefined) },
    organizations: { findByApiKeyHash: vi.fn(async () => undefined) },
  });

  it('refuses a malformed credential without looking it up', async () => {
    const production = storage();
    const authenticate = createAuthenticator(production as never, { developmentCredentials: false });
    const token = newSecret('accessToken');
    const malformed = [
      { bearer: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` },
      { bearer: 'ast_3q0Vb7c9QmXo2LrNe5Ya8KdUwZ1sTf4HgPiR6jB0MxE' },
      { bearer: newSecret('invitationToken') },
      { bearer: devCredentials.athleteToken },
      { apiKey: newSecret('accessToken') },
      { apiKey: devCredentials.organizationKey },
    ];
    for (const credentials of malformed) expect(await authenticate(credentials)).toBeNull();
    expect(production.users.findByTokenHash).not.toHaveBeenCalled();
    expect(production.organizations.findByApiKeyHash).not.toHaveBeenCalled();
    // Well-formed ones are looked up (and, unknown here, refused).
    expect(await authenticate({ bearer: token })).toBeNull();
    expect(await authenticate({ apiKey: newSecret('apiKey') })).toBeNull();
    expect(production.users.findByTokenHash).toHaveBeenCalledTimes(1);
    expect(production.organizations.findByApiKeyHash).toHaveBeenCalledTimes(1);
  });

  it('looks development credentials up only outside production, and legacy API keys in every mode', async () => {
    const legacy = ['astral_live_Qs5UXVT8PZjs52q5VKm6bfpRjbKGCNG07Xkl7LSd69E', 'key_3q0Vb7c9QmXo2LrNe5Ya8KdUwZ1sTf4HgPiR6jB0MxE'];
    for (const developmentCredentials of [false, true]) {
      const double = storage();
      const authenticate = createAuthenticator(double as never, { developmentCredentials });
      await authenticate({ bearer: devCredentials.athleteToken });
      for (const key of legacy) await authenticate({ apiKey: key });
      expect(double.users.findByTokenHash).toHaveBeenCalledTimes(developmentCredentials ? 1 : 0);
      expect(double.organizations.findByApiKeyHash).toHaveBeenCalledTimes(legacy.length);
    }
    expect(isDevelopmentCredential('dev-athlete-token')).toBe(true);
    expect(isDevelopmentCredential(newSecret('accessToken'))).toBe(false);
  });
});

describe('over HTTP', () => {
  const { call, close, repository } = testApp();
  afterAll(() => close());

  const secured = operationIds.filter(
    (id) => operationSecurity(id).length > 0 && !operationSecurity(id).some((requirement) => requirement.length === 0),
  );
  const listsKey = (id: (typeof operationIds)[number]) => operationSecurity(id).some((requirement) => requirement.includes('apiKeyAuth'));
  const keyless = secured.filter((id) => !listsKey(id));
  /** The operation's URL with any value in its path parameters: credentials are checked first. */
  const urlOf = (id: (typeof operationIds)[number]) => operationTable[id].path.replace(/\{([^}]+)\}/g, '$1_0');
  const methodOf = (id: (typeof operationIds)[number]) => operationTable[id].method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';

  it('answers a valid API key on every operation that does not list apiKeyAuth with 403, a bad one with 401', async () => {
    expect(keyless.length).toBeGreaterThan(0);
    const unknownKey = newSecret('apiKey');
    for (const id of keyless) {
      const valid = await call(methodOf(id), urlOf(id), 'organization');
      expect({ id, ...errorOf(valid) }).toEqual({ id, status: 403, code: 'FORBIDDEN', field: 'X-API-Key' });
      for (const key of [unknownKey, 'inv_Qs5UXVT8PZjs52q5VKm6bfpRjbKGCNG07Xkl7LSd69E']) {
        const bad = await call(methodOf(id), urlOf(id), { headers: { 'x-api-key': key } });
        expect({ id, ...errorOf(bad) }).toEqual({ id, status: 401, code: 'UNAUTHORIZED', field: 'X-API-Key' });
        expect(bad.headers['www-authenticate']).toMatch(/ApiKey/);
      }
    }
  });

  it('lists apiKeyAuth only where the permission matrix lets a key act', () => {
    const withKey = secured.filter(listsKey);
    expect(withKey.length).toBeGreaterThan(0);
    for (const id of [...withKey, ...keyless]) {
      const row = (contract.paths as Record<string, Record<string, Record<string, unknown>>>)[operationTable[id].path]![
        operationTable[id].method
      ]!['x-astral-permissions'] as Record<string, string> | undefined;
      if (row) expect({ id, keyMayAct: row.api_key !== 'deny' }).toEqual({ id, keyMayAct: listsKey(id) });
    }
  });

  it('honours an API key made before keys had a checksum until it is revoked', async () => {
    const legacy = 'astral_live_Qs5UXVT8PZjs52q5VKm6bfpRjbKGCNG07Xkl7LSd69E';
    await repository.organizations.addApiKey(seedIds.organization, hashCredential(legacy));
    const me = await call('GET', '/auth/me', { headers: { 'x-api-key': legacy } });
    expect(me.status).toBe(200);
    expect(await repository.organizations.revokeApiKey(hashCredential(legacy), new Date().toISOString())).toBe(true);
    expect((await call('GET', '/auth/me', { headers: { 'x-api-key': legacy } })).status).toBe(401);
  });

  it('sends the security headers on an authenticated answer, an error and a bad URL', async () => {
    const race = (await call('GET', '/races?limit=1', 'athlete')).body.data[0];
    const answers = [
      await call('GET', `/races/${race.race_id}`, 'athlete'),
      await call('GET', `/races/${race.race_id}`, 'anonymous'),
      await call('GET', '/no-such-route', 'athlete'),
      await call('GET', '/races/%E0%A4%A', 'athlete'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 404, 400]);
    for (const answer of answers) {
      // Every header of the server's list (its values are pinned in @astral/server's own test).
      expect(answer.headers).toMatchObject(securityHeaders());
    }
  });
});
