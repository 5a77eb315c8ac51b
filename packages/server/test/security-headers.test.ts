// The OWASP REST security headers, on every kind of answer the server gives.
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../src/index.js';
import { auth, buildApp } from './helpers.js';

const expected = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

describe('security headers', () => {
  it('are the OWASP list for APIs, and nothing HTML-only', () => {
    expect(securityHeaders()).toEqual(expected);
  });

  it('are on an authenticated answer, a 401, a 404, a 405 and a bad URL, in both modes', async () => {
    for (const mode of ['test', 'production'] as const) {
      const { app } = buildApp({}, { mode });
      const answers = await Promise.all([
        app.inject({ method: 'GET', url: '/api/v1/races/race_1', headers: auth }),
        app.inject({ method: 'GET', url: '/api/v1/races/race_1' }),
        app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: auth }),
        app.inject({ method: 'PATCH', url: '/api/v1/races/race_1', headers: auth }),
        app.inject({ method: 'GET', url: '/api/v1/races/%E0%A4%A', headers: auth }),
      ]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 404, 405, 400]);
      for (const answer of answers) expect(answer.headers).toMatchObject(expected);
    }
  });
});
