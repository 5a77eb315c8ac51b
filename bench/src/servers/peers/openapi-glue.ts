// fastify-openapi-glue: the whole contract given to the plugin (it builds every route and
// its schemas), an operation resolver serving the three operations, a security handler per
// scheme, and the same error handler as the hand-written Fastify (its docs' way to shape
// validation and security failures).
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import openapiGlue from 'fastify-openapi-glue';
import { contract } from '@astral/openapi/contract';
import { CONTRACT_HEADERS, fieldOf, unauthorized, validationError, requestIdOf } from './contract-schemas.js';
import { memoryRaces, PEER_TOKEN } from './memory-races.js';

export async function gluePeer(): Promise<FastifyInstance> {
  const races = memoryRaces();
  const app = Fastify({ logger: false, genReqId: requestIdOf, ajv: { customOptions: { strict: false } } });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(CONTRACT_HEADERS).header('x-request-id', request.id);
    done(null, payload);
  });
  app.setErrorHandler((error: FastifyError & { errors?: unknown }, _request, reply) => {
    const finding = error.validation?.[0];
    if (finding) return reply.code(400).send(validationError(fieldOf(finding), error.message));
    if (error.statusCode === 401) return reply.code(401).send(unauthorized);
    return reply.code(error.statusCode ?? 500).send({ error: error.message, details: { code: 'INTERNAL_ERROR' } });
  });
  const answer = (result: { status: number; body: unknown }, reply: { code(status: number): { send(body: unknown): unknown } }) =>
    reply.code(result.status).send(result.body);
  const served: Record<string, (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>> = {
    getRace: async (request, reply) => answer(races.getRace((request.params as { race_id: string }).race_id), reply),
    listRaces: async (request, reply) => answer(races.listRaces(request.query as never), reply),
    createRace: async (request, reply) => answer(races.createRace(request.body as never), reply),
  };
  const refuse = () => {
    throw Object.assign(new Error('Authentication required'), { statusCode: 401 });
  };
  await app.register(openapiGlue, {
    specification: structuredClone(contract),
    prefix: '/api/v1',
    operationResolver: (operationId: string) =>
      served[operationId] ?? (async (_request: FastifyRequest, reply: FastifyReply) => reply.code(501).send({})),
    securityHandlers: {
      bearerAuth: (request: { headers: Record<string, string | undefined> }) =>
        request.headers.authorization === `Bearer ${PEER_TOKEN}` ? undefined : refuse(),
      apiKeyAuth: refuse,
    },
  });
  return app;
}
