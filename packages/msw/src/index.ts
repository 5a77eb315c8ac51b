/**
 * `@astral/msw`: MSW handlers for every operation of the Astral API, derived from the
 * contract. By default each answers its contract's examples, after the API's own checks
 * (credentials, JSON body, the request's schemas) in the API's error shape; `Prefer:
 * code=...` and `Prefer: example=...` pick any documented response, as on the mock. Overrides
 * are typed by the contract's `paths` (openapi-msw). `@astral/msw/node` and
 * `@astral/msw/browser` set up MSW with them.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { handlers, handle, respondWithExample } from '@astral/msw';
 * const server = setupServer(...handlers);
 * server.use(respondWithExample('getRace', 404));
 * ```
 */
import type { HttpHandler } from 'msw';
import { contractDocument } from './contract-document.js';
import { createHandlersFor, type HandlerOptions } from './handlers.js';

export { contractDocument } from './contract-document.js';
export { createHandlersFor, defaultBaseUrl, type HandlerOptions } from './handlers.js';
export { exampleResponse, type ExampleChoice } from './examples.js';
export { preferenceOf, type Preference } from './prefer.js';
export {
  astralHttp,
  createAstralHttp,
  handle,
  respondWithExample,
  type AstralHttp,
  type DocumentedStatus,
  type OperationResolver,
} from './typed.js';

/**
 * The contract's handlers, on another base URL than the default (any origin + `/api/v1`).
 *
 * @example
 * ```ts
 * const handlers = createAstralHandlers({ baseUrl: 'https://api.example.com/api/v1' });
 * ```
 */
export function createAstralHandlers(options: HandlerOptions = {}): HttpHandler[] {
  return createHandlersFor(contractDocument, options);
}

/** The contract's handlers on the default base URL, in contract order. */
export const handlers: HttpHandler[] = createAstralHandlers();
