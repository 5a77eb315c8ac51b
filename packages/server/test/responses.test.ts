// Responses are held to the contract: validated in development and test, serialised by the
// response schemas in production; failures are 500s in the error shape, logged with the id.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { componentExample } from '@astral/openapi/contract';
import { ApiError, createAstralServer, createStubHandlers, type Handlers } from '../src/index.js';
import { auth, buildApp, type Principal } from './helpers.js';

// The contract's Race example (built from its schema's examples), the one fixture of a race.
const race = componentExample('Race');
const internal = { error: expect.any(String), details: { code: 'INTERNAL_ERROR' } };

/** A logger that keeps every line, to prove what was logged and with which request id. */
function logCapture() {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: { level: 'info', stream } };
}

// Deliberately off-contract handlers, typed loosely as a backend bug would be at runtime.
const leaky = { ...race, password_hash: 'bcrypt$secret' };
const offContract = {
  undocumentedStatus: { getRace: () => ({ status: 201, body: { status: 'ok', data: race } }) },
  wrongBody: { getRace: () => ({ status: 200, body: { status: 'ok', data: { ...race, race_type: 'skate' } } }) },
  extraField: { getRace: () => ({ status: 200, body: { status: 'ok', data: leaky } }) },
  noResult: { getRace: () => undefined },
} as unknown as Record<string, Partial<Handlers<Principal>>>;

describe('in development and test', () => {
  it.each(['test', 'development'] as const)('answers a valid response as is (%s)', async (mode) => {
    const { app, violations } = buildApp(
      { getRace: () => ({ status: 200, body: { status: 'ok', data: race }, headers: { 'cache-control': 'no-store' } }) },
      { mode },
    );
    const response = await app.inject({ method: 'GET', url: '/api/v1/races/race_xyz456', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', data: race });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(violations).toEqual([]);
  });

  it.each(Object.keys(offContract))('turns a response off the contract into a loud 500 (%s)', async (kind) => {
    const { lines, logger } = logCapture();
    const { app, violations } = buildApp(offContract[kind], { logger });
    const response = await app.inject({ method: 'GET', url: '/api/v1/races/race_xyz456', headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual(internal);
    expect(response.body).not.toContain('secret');
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ operationId: 'getRace', requestId: response.headers['x-request-id'] });
    const logged = lines.find((line) => line.contractViolation);
    expect(logged).toMatchObject({ level: 50, reqId: response.headers['x-request-id'] });
  });

  it('names the violation: the undocumented status, or the field off the schema', async () => {
    const status = buildApp(offContract.undocumentedStatus);
    await status.app.inject({ method: 'GET', url: '/api/v1/races/race_1', headers: auth });
    expect(status.violations[0]!.problems[0]!.message).toContain('status 201 is not documented for getRace');
    const field = buildApp(offContract.extraField);
    await field.app.inject({ method: 'GET', url: '/api/v1/races/race_1', headers: auth });
    expect(field.violations[0]!.problems[0]).toMatchObject({ path: '/data' });
  });

  it('holds thrown ApiErrors to the documented statuses too', async () => {
    const { app, violations } = buildApp({
      getMe: () => {
        throw new ApiError('FORBIDDEN', { message: 'no' });
      },
    });
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual(internal);
    expect(violations[0]!.problems[0]!.message).toContain('status 403 is not documented for getMe');
  });

  it('prints a process warning for a violation when there is no logger and no callback', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const handlers = { ...createStubHandlers(), ...offContract.wrongBody } as Handlers;
      const app = createAstralServer({ handlers, authenticate: () => ({}), mode: 'test' });
      const response = await app.inject({ method: 'GET', url: '/api/v1/races/race_1', headers: auth });
      expect(response.statusCode).toBe(500);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).toContain('AstralContractViolation');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('in production', () => {
  it('drops undeclared fields instead of leaking them', async () => {
    const { app, violations } = buildApp(offContract.extraField, { mode: 'production' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/races/race_xyz456', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', data: race });
    expect(response.body).not.toContain('password_hash');
    expect(violations).toEqual([]);
  });

  it('answers 500 when a required field is missing, without a partial body', async () => {
    const { race_name: _missing, ...incomplete } = race;
    const { app } = buildApp(
      { getRace: () => ({ status: 200, body: { status: 'ok', data: incomplete } }) } as unknown as Partial<Handlers<Principal>>,
      { mode: 'production' },
    );
    const response = await app.inject({ method: 'GET', url: '/api/v1/races/race_xyz456', headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'Internal server error', details: { code: 'INTERNAL_ERROR' } });
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('still refuses an undocumented status', async () => {
    const { app, violations } = buildApp(offContract.undocumentedStatus, { mode: 'production' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/races/race_xyz456', headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'Internal server error', details: { code: 'INTERNAL_ERROR' } });
    expect(violations).toHaveLength(1);
  });
});

describe('unhandled errors', () => {
  it.each(['test', 'production'] as const)('answer 500 with no internal detail, logged with the request id (%s)', async (mode) => {
    const { lines, logger } = logCapture();
    const { app } = buildApp(
      {
        listRaces: async () => {
          throw new Error('SQLITE_CORRUPT: /var/lib/astral/races.db');
        },
      },
      { mode, logger },
    );
    const response = await app.inject({ method: 'GET', url: '/api/v1/races', headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'Internal server error', details: { code: 'INTERNAL_ERROR' } });
    expect(response.body).not.toMatch(/SQLITE|astral\/races|at /);
    const logged = lines.find((line) => line.err?.message?.includes('SQLITE_CORRUPT'));
    expect(logged).toMatchObject({ level: 50, reqId: response.headers['x-request-id'] });
  });
});
