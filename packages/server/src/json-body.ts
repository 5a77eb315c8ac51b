/**
 * The app's JSON body parser. It parses with secure-json-parse (as Fastify does), but tells the two
 * failures apart: text that is not JSON is INVALID_JSON, while a `__proto__` or
 * `constructor` key (prototype poisoning) is refused as what it is to the caller, a field
 * this request does not have: VALIDATION_ERROR naming it.
 */
import type { FastifyInstance } from 'fastify';
import { parse } from 'secure-json-parse';
import { ApiError } from './errors.js';

const POISONED = /forbidden prototype property/;

/** secure-json-parse words both refusals alike; parsing again with one check off tells which. */
function poisonedKey(text: string): '__proto__' | 'constructor' {
  try {
    parse(text, { protoAction: 'error', constructorAction: 'ignore' });
    return 'constructor';
  } catch {
    return '__proto__';
  }
}

/**
 * @example
 * parseJsonBody('{"race_name":"Berlin Marathon"}'); // { race_name: 'Berlin Marathon' }
 * parseJsonBody('{"__proto__":{}}'); // throws ApiError 400 VALIDATION_ERROR, field __proto__
 */
export function parseJsonBody(text: string): unknown {
  if (text === '') throw new ApiError('INVALID_JSON', { message: 'Request body is empty but Content-Type is application/json' });
  try {
    return parse(text, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if (!(error instanceof SyntaxError && POISONED.test(error.message))) {
      throw new ApiError('INVALID_JSON', { cause: error });
    }
    const field = poisonedKey(text);
    throw new ApiError('VALIDATION_ERROR', { message: `${field} is not a field of this request`, field });
  }
}

/**
 * Only JSON bodies exist in the contract, so only JSON is parsed (Fastify's text/plain
 * parser would accept text). Clients often send `Content-Type: application/json` on a GET
 * or DELETE with no body: harmless where the operation takes no body. Where it takes one,
 * empty is INVALID_JSON.
 */
export function acceptJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.routeOptions.schema?.body === undefined) done(null, undefined);
    else done(null, parseJsonBody(body as string));
  });
}
