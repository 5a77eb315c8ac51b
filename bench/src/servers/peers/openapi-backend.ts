// openapi-backend on Fastify, as its README shows: one catch-all route hands every request
// to `api.handleRequest`, which routes and validates it against the whole contract; handlers
// per operationId, a security handler per scheme, `validationFail` and `unauthorizedHandler`
// answering in the API's error shape. Responses are sent as JSON (openapi-backend does not
// serialise from the response schemas).
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Context } from 'openapi-backend';
import { contract } from '@astral/openapi/contract';
import { CONTRACT_HEADERS, fieldOf, unauthorized, validationError, requestIdOf } from './contract-schemas.js';
import { memoryRaces, PEER_TOKEN } from './memory-races.js';

export async function openapiBackendPeer(): Promise<FastifyInstance> {
  const races = memoryRaces();
  const answer = (result: { status: number; body: unknown }, reply: FastifyReply) => reply.code(result.status).send(result.body);
  const api = new OpenAPIBackend({
    definition: structuredClone(contract) as never,
    apiRoot: '/api/v1',
    // Its definition check knows OpenAPI 3.0 only and refuses this 3.1 contract (425 findings),
    // skipping the dereference with it; `quick` (documented) skips the check, and compiles each
    // operation's validators on its first request.
    quick: true,
    ajvOpts: { strict: false },
    // Formats (date-time, uri) are checked only with ajv-formats added, as its docs show.
    customizeAjv: (ajv) => (addFormats.default(ajv), ajv),
    handlers: {
      getRace: async (c: Context, _request: unknown, reply: FastifyReply) =>
        answer(races.getRace(String((c.request.params as Record<string, unknown>).race_id)), reply),
      listRaces: async (c: Context, _request: unknown, reply: FastifyReply) => answer(races.listRaces(c.request.query as never), reply),
      createRace: async (c: Context, _request: unknown, reply: FastifyReply) =>
        answer(races.createRace(c.request.requestBody as never), reply),
      validationFail: async (c: Context, _request: unknown, reply: FastifyReply) => {
        const finding = c.validation.errors![0]!;
        return reply.code(400).send(validationError(fieldOf(finding as never), `${finding.instancePath} ${finding.message ?? ''}`));
      },
      unauthorizedHandler: async (_c: Context, _request: unknown, reply: FastifyReply) => reply.code(401).send(unauthorized),
      notFound: async (_c: Context, _request: unknown, reply: FastifyReply) => reply.code(404).send({}),
      notImplemented: async (_c: Context, _request: unknown, reply: FastifyReply) => reply.code(501).send({}),
    },
    securityHandlers: {
      bearerAuth: (c: Context) => (c.request.headers as Record<string, unknown>).authorization === `Bearer ${PEER_TOKEN}`,
      apiKeyAuth: () => false,
    },
  });
  await api.init();
  const app = Fastify({ logger: false, genReqId: requestIdOf });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(CONTRACT_HEADERS).header('x-request-id', request.id);
    done(null, payload);
  });
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async (request, reply): Promise<unknown> =>
      api.handleRequest(
        {
          method: request.method,
          path: request.url,
          body: request.body as never,
          query: request.query as never,
          headers: request.headers as never,
        },
        request,
        reply,
      ),
  });
  return app;
}
