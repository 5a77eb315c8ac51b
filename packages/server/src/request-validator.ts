/**
 * Request validation against any OpenAPI document, outside Fastify: the same schemas, Ajv
 * settings and findings the server answers with, for runtimes that see a request as plain
 * parts (`@astral/msw`'s handlers, in Node and in a browser's service worker). No file
 * access: the caller passes the document (the bundle, imported as JSON in a browser).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { errorBody, type ErrorBody } from '@astral/openapi';
import { operationsOf, readOnlyPropertyNames, type OpenApiDocument } from '@astral/openapi/reader';
import { createAjvFor, describeAjvError, firstFinding, inDocumentSpelling, memoizedCompiler, type ValidationFinding } from './ajv.js';
import { headerParameterNamesOf, requestSchemasOf } from './document-schemas.js';

/** A request as parts: path parameters, query (a repeated name gives an array), headers, parsed JSON body. */
export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** By lowercase name. */
  headers: Record<string, string>;
  body?: unknown;
}

/** The 400 the API answers a request its operation's schemas refuse. */
export interface RequestRejection {
  status: 400;
  body: ErrorBody;
}

/** Validates one operation's requests; `undefined` when the request is valid. */
export type ValidateRequest = (operationId: string, request: RequestParts) => RequestRejection | undefined;

const PARTS = [
  ['params', 'path'],
  ['headers', 'headers'],
  ['querystring', 'query'],
  ['body', 'request body'],
] as const;

/**
 * Builds the request validator of a document: each operation's schemas compiled on first
 * use, findings in the API's error shape (`VALIDATION_ERROR` with the field), checked in
 * the server's order (path, headers, query, body).
 *
 * @example
 * ```ts
 * import contract from '@astral/openapi/openapi.json' with { type: 'json' };
 * const validate = createRequestValidator(contract);
 * validate('listRaces', { params: {}, query: { limit: '500' }, headers: {} });
 * // { status: 400, body: { error: 'limit must be <= 100', details: { code: 'VALIDATION_ERROR', field: 'limit' } } }
 * ```
 */
export function createRequestValidator(document: OpenApiDocument): ValidateRequest {
  const locations = new Map(operationsOf(document).map((location) => [location.operationId, location]));
  const compileBody = memoizedCompiler(createAjvFor('body', document));
  const compileParameters = memoizedCompiler(createAjvFor('parameters', document));
  const readOnly = readOnlyPropertyNames(document);
  const headerNames = headerParameterNamesOf(document, [...locations.values()]);
  const compiled = new Map<string, Array<[(typeof PARTS)[number][0], string, ValidateFunction]>>();

  const validatorsOf = (operationId: string) => {
    let list = compiled.get(operationId);
    if (list) return list;
    const location = locations.get(operationId);
    if (!location) throw new Error(`the document has no operation ${operationId}`);
    const schemas = requestSchemasOf(document, location);
    list = PARTS.flatMap(([key, part]) => {
      const schema = schemas[key] as object | undefined;
      if (schema === undefined) return [];
      return [
        [key, part, (key === 'body' ? compileBody : compileParameters)(schema)] as [(typeof PARTS)[number][0], string, ValidateFunction],
      ];
    });
    compiled.set(operationId, list);
    return list;
  };

  return (operationId, request) => {
    const values = {
      params: { ...request.params },
      headers: { ...request.headers },
      querystring: { ...request.query },
      body: request.body,
    };
    for (const [key, part, validate] of validatorsOf(operationId)) {
      if (validate(values[key])) continue;
      let finding: ValidationFinding = describeAjvError(firstFinding(validate.errors ?? []), part, readOnly);
      if (key === 'headers') finding = inDocumentSpelling(finding, headerNames);
      return { status: 400, body: errorBody('VALIDATION_ERROR', finding) };
    }
    return undefined;
  };
}
