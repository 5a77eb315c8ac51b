// Hand-written Fastify: three routes with the contract's JSON Schemas on them (validated by
// Ajv 2020 with formats, as Fastify's docs say for OpenAPI 3.1 schemas; responses serialised
// by Fastify from the response schemas), a Bearer check in a hook and an error handler that
// answers validation failures in the API's error shape. The ceiling for this layer.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  CONTRACT_HEADERS,
  componentsSchema,
  fieldOf,
  routeSchema,
  unauthorized,
  validationError,
  requestIdOf,
} from './contract-schemas.js';
import { memoryRaces, PEER_TOKEN } from './memory-races.js';

export function fastifyPeer(): FastifyInstance {
  const races = memoryRaces();
  const app = Fastify({ logger: false, genReqId: requestIdOf });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(CONTRACT_HEADERS).header('x-request-id', request.id);
    done(null, payload);
  });
  const components = componentsSchema();
  const ajv = (options: object) => {
    const instance = new Ajv2020({ strict: false, allErrors: false, ...options });
    addFormats.default(instance);
    instance.addSchema(components);
    return instance;
  };
  const bodies = ajv({});
  const parameters = ajv({ coerceTypes: 'array', useDefaults: true });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodies : parameters).compile(schema));
  app.addSchema(components);
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${PEER_TOKEN}`) return reply.code(401).send(unauthorized);
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const finding = error.validation?.[0];
    if (finding) return reply.code(400).send(validationError(fieldOf(finding), error.message));
    return reply.code(error.statusCode ?? 500).send({ error: error.message, details: { code: 'INTERNAL_ERROR' } });
  });
  const reply = (answer: { status: number; body: unknown }, send: { code(status: number): { send(body: unknown): unknown } }) =>
    send.code(answer.status).send(answer.body);
  app.get('/api/v1/races/:race_id', { schema: routeSchema('getRace', [200, 404]) }, async (request, r) =>
    reply(races.getRace((request.params as { race_id: string }).race_id), r),
  );
  app.get('/api/v1/races', { schema: routeSchema('listRaces', [200]) }, async (request, r) =>
    reply(races.listRaces(request.query as never), r),
  );
  app.post('/api/v1/races', { schema: routeSchema('createRace', [201]) }, async (request, r) =>
    reply(races.createRace(request.body as never), r),
  );
  return app;
}
