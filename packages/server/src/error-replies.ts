/**
 * How the app answers what no handler did: a thrown error (the API's error shape, logged when
 * it is the server's fault), Fastify's own request errors (a malformed URL), and a request
 * no route takes: 405 with `Allow` where the path exists, else 404.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { methodsAllowedFor } from '@astral/openapi';
import type { Cors } from './cors.js';
import { errorBody } from './errors.js';
import { toErrorResponse, type MapError } from './error-handler.js';
import { stampResponse } from './response-headers.js';
import { sendResponse } from './send-response.js';

/**
 * Fastify's `frameworkErrors` option: bad URLs never reach the hooks, so the response
 * headers are set here too.
 */
export function frameworkErrorReply(
  cors: Cors | undefined,
  mapError: MapError | undefined,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    stampResponse(request, reply, cors);
    sendResponse(reply, toErrorResponse(error, mapError));
  };
}

/** The app's error and not-found handlers. */
export function answerErrors(app: FastifyInstance, cors: Cors | undefined, mapError: MapError | undefined): void {
  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error, mapError);
    if (response.unexpected) request.log.error({ err: error }, 'Unhandled error');
    else if (response.status >= 500) request.log.error({ err: error }, 'Server error');
    return sendResponse(reply, response);
  });

  app.setNotFoundHandler((request, reply) => {
    if (cors?.answerPreflight(request, reply)) return;
    const allowed = methodsAllowedFor(request.url);
    if (allowed.length > 0) {
      void reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send(errorBody('METHOD_NOT_ALLOWED', { message: `${request.method} is not allowed here; use ${allowed.join(', ')}` }));
      return;
    }
    void reply.code(404).send(errorBody('NOT_FOUND', { message: `No route for ${request.method} ${request.url.split('?')[0]}` }));
  });
}
