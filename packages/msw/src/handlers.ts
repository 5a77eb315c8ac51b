/**
 * The MSW handlers of every operation of a document: each answers its contract's examples,
 * after the checks the API makes (credentials, a JSON body, the request's schemas), in the
 * API's error shape. Derived at run time from the document, so a new operation is served
 * with nothing written here.
 */
import { http, type HttpHandler } from 'msw';
import { deprecationHeadersOf, errorBody } from '@astral/openapi';
import type { OpenApiDocument } from '@astral/openapi/reader';
import { createRequestValidator, type ValidateRequest } from '@astral/server/request-validator';
import { exampleResponse } from './examples.js';
import { servedContract, type ServedContract, type ServedOperation } from './operations.js';
import { preferenceOf } from './prefer.js';
import { hasCredentials, headersOf, jsonBodyOf, queryOf, rawBodyOf } from './request.js';

/** Options of {@link createHandlersFor}. */
export interface HandlerOptions {
  /**
   * Where the API is mounted, as MSW matches it. Default: any origin with the contract's
   * base path (`*` + `/api/v1`), so the same handlers serve `http://127.0.0.1:4010/api/v1`,
   * `https://api.example.com/api/v1` and a page's own `/api/v1`.
   */
  baseUrl?: string;
}

/** MSW's handler factory for an OpenAPI method (MSW has none for TRACE, which the contract never uses). */
function routeOf(method: string): (typeof http)['get'] {
  if (!(method in http) || method === 'all') throw new Error(`MSW has no handler for ${method.toUpperCase()}`);
  return http[method as Exclude<keyof typeof http, 'all'>];
}

/** `/races/{race_id}` → `/races/:race_id`, MSW's spelling of a path parameter. */
function mswPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/** The default base URL of a document's handlers: any origin, the document's base path. */
export function defaultBaseUrl(served: Pick<ServedContract, 'basePath'>): string {
  return `*${served.basePath}`;
}

/**
 * One operation's answer: 401 without credentials (its own 401 example, as the mock
 * answers), the body checks, 400 `VALIDATION_ERROR` naming the field, then the response a
 * `Prefer` header asks for, else the success response's first example.
 */
async function answer(
  document: OpenApiDocument,
  served: ServedContract,
  { location, facts }: ServedOperation,
  validate: () => ValidateRequest,
  request: Request,
  params: Record<string, string | readonly string[] | undefined>,
): Promise<Response> {
  const prefer = preferenceOf(request.headers.get('prefer'));
  if (!hasCredentials(document, location, request.headers, new URL(request.url))) {
    return facts.statuses.includes(401)
      ? exampleResponse(document, location, 401)
      : Response.json(errorBody('UNAUTHORIZED'), { status: 401 });
  }
  let body: unknown;
  // A file sent as itself (the operation takes no JSON) is checked for its type and size only.
  const file = facts.hasBody && !facts.requestContentTypes.includes('application/json');
  if (facts.hasBody) {
    const parsed = file
      ? await rawBodyOf(request, facts.requestContentTypes, facts.bodyLimitBytes)
      : await jsonBodyOf(request, served.bodyLimitBytes);
    if ('refusal' in parsed) return parsed.refusal;
    body = parsed.body;
  }
  const rejection = validate()(location.operationId, {
    params: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)])),
    query: queryOf(new URL(request.url)),
    headers: headersOf(request.headers),
    ...(facts.hasBody && !file ? { body } : {}),
  });
  if (rejection) return Response.json(rejection.body, { status: rejection.status });
  const status = prefer.code ?? facts.successStatus;
  if (status === null) return new Response(null, { status: 204 });
  return exampleResponse(document, location, status, { example: prefer.example });
}

/**
 * The handlers of every operation of `document`, in contract order.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * const server = setupServer(...createHandlersFor(myBundle, { baseUrl: 'https://api.example.com/api/v1' }));
 * ```
 */
export function createHandlersFor(document: OpenApiDocument, options: HandlerOptions = {}): HttpHandler[] {
  const served = servedContract(document);
  const baseUrl = options.baseUrl ?? defaultBaseUrl(served);
  // Compiled on the first request, not at import: a test file that overrides everything pays nothing.
  let validator: ValidateRequest | undefined;
  const validate = () => (validator ??= createRequestValidator(document));
  return served.operations.map((operation) => {
    // A deprecated operation says so on every answer, as the API does (RFC 9745, RFC 8594).
    const deprecation = Object.entries(deprecationHeadersOf(operation.facts.deprecation));
    return routeOf(operation.facts.method)(`${baseUrl}${mswPath(operation.facts.path)}`, async ({ request, params }) => {
      const response = await answer(document, served, operation, validate, request, params);
      for (const [name, value] of deprecation) response.headers.set(name, value);
      return response;
    });
  });
}
