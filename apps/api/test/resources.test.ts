// The resource modules as a whole: every folder is registered, every migration file is
// listed, one mapError speaks for every domain error. What a failing storage is answered
// (a 500 on every operation) is the contract tests' one storage-fault suite
// (packages/contract-tests/test/server-faults.ts), over HTTP behind the validating proxy.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  InvalidTokenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from '../src/domain/errors.js';
import { mapDomainError } from '../src/map-error.js';
import { resourceModules, sharedStorageModules } from '../src/resources/index.js';
import { migrations } from '../src/storage/migrations/index.js';

const folders = (relative: string) =>
  readdirSync(new URL(relative, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe('registration', () => {
  it('lists every resource folder in resources/index.ts, once', () => {
    const shared: readonly unknown[] = sharedStorageModules;
    const resources = resourceModules.filter((module) => !shared.includes(module));
    expect(resources.map((module) => module.name).sort()).toEqual(folders('../src/resources/').sort());
  });

  it('lists the shared storages (beside resources/) among the modules, once', () => {
    const names = resourceModules.map((module) => module.name);
    expect(sharedStorageModules.map((module) => module.name)).toEqual(['rateLimits', 'outbox', 'idempotency']);
    for (const module of sharedStorageModules) expect(names.filter((name) => name === module.name)).toHaveLength(1);
  });

  it('lists every migration file in storage/migrations/index.ts, numbered as its version', () => {
    const files = readdirSync(new URL('../src/storage/migrations/', import.meta.url)).filter((file) => /^\d{3}-.*\.ts$/.test(file));
    expect(files.map((file) => Number(file.slice(0, 3)))).toEqual(migrations.map((migration) => migration.version));
  });
});

describe('mapDomainError', () => {
  it("answers each domain error with its code, the catalogue's status, and its field", () => {
    expect(mapDomainError(new NotFoundError('race', 'race_id'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'Race not found',
      field: 'race_id',
    });
    expect(mapDomainError(new NotFoundError('training plan', 'plan_id'))).toMatchObject({
      message: 'Training plan not found',
      field: 'plan_id',
    });
    expect(mapDomainError(new ForbiddenError('Only the creator of this race or an admin may change it'))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Only the creator of this race or an admin may change it',
      field: undefined,
    });
    expect(mapDomainError(new ConflictError('Taken', 'race_name'))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      message: 'Taken',
      field: 'race_name',
    });
    expect(mapDomainError(new InvalidError('date_to', 'Too early'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      field: 'date_to',
    });
  });

  it('answers the account errors: 401, INVALID_TOKEN with the catalogue wording, 429 with Retry-After', () => {
    expect(mapDomainError(new UnauthorizedError('Invalid email or password'))).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'Invalid email or password',
      headers: { 'www-authenticate': 'Bearer realm="astral"' },
    });
    expect(mapDomainError(new InvalidTokenError('token'))).toMatchObject({
      status: 400,
      code: 'INVALID_TOKEN',
      message: 'The token is invalid, expired or already used',
      field: 'token',
    });
    const state = { policy: 'verification', limit: 3, windowSeconds: 3600, remaining: 0, resetSeconds: 1799.2 };
    expect(mapDomainError(new RateLimitedError(state, 'email', 'Too many verification emails for this address'))).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'Too many verification emails for this address. Retry after 1800 seconds.',
      field: 'email',
      headers: { 'Retry-After': '1800', RateLimit: '"verification";r=0;t=1800', 'RateLimit-Policy': '"verification";q=3;w=3600' },
    });
  });

  it('leaves anything else to the server (logged, answered 500)', () => {
    expect(mapDomainError(new Error('disk full'))).toBeUndefined();
    expect(mapDomainError('a string')).toBeUndefined();
  });
});
