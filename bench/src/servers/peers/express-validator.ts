// express-openapi-validator on Express 5, as its README shows: express.json(), the validator
// middleware over the whole contract (request and security validation; responses sent with
// res.json, not serialised from their schemas), one route per operation and an error
// handler answering in the API's error shape.
import express, { type NextFunction, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { contract } from '@astral/openapi/contract';
import { CONTRACT_HEADERS, unauthorized, validationError, requestIdOf } from './contract-schemas.js';
import { memoryRaces, PEER_TOKEN } from './memory-races.js';

export function expressPeer(): express.Express {
  const races = memoryRaces();
  const app = express();
  // The contract's headers on every response, errors included: set before anything can answer.
  app.use((request, response, next) => {
    response.set(CONTRACT_HEADERS).set('x-request-id', requestIdOf(request));
    next();
  });
  app.use(express.json());
  // The contract's server URL is the production host: its path (/api/v1) is what matters here.
  const apiSpec = { ...structuredClone(contract), servers: [{ url: '/api/v1' }] };
  app.use(
    OpenApiValidator.middleware({
      apiSpec: apiSpec as never,
      validateRequests: true,
      validateResponses: false,
      validateSecurity: {
        handlers: {
          bearerAuth: (request) => request.headers.authorization === `Bearer ${PEER_TOKEN}`,
          apiKeyAuth: () => false,
        },
      },
    }),
  );
  const answer = (result: { status: number; body: unknown }, response: Response) => response.status(result.status).json(result.body);
  app.get('/api/v1/races/:race_id', (request, response) => answer(races.getRace(String(request.params.race_id)), response));
  app.get('/api/v1/races', (request, response) => answer(races.listRaces(request.query as never), response));
  app.post('/api/v1/races', (request, response) => answer(races.createRace(request.body as never), response));
  app.use(
    (
      error: { status?: number; errors?: Array<{ path: string; message: string }> },
      _request: Request,
      response: Response,
      _next: NextFunction,
    ) => {
      if (error.status === 400 && error.errors?.[0]) {
        const finding = error.errors[0];
        return response.status(400).json(validationError(finding.path.split('/').filter(Boolean).at(-1) ?? '', finding.message));
      }
      if (error.status === 401) return response.status(401).json(unauthorized);
      return response.status(error.status ?? 500).json({ error: 'Internal error', details: { code: 'INTERNAL_ERROR' } });
    },
  );
  return app;
}
