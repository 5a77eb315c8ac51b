// The JSON Schemas a team writing its routes by hand would put on them, taken from the
// bundled contract (so they are the contract's, not a second copy): the components under one
// `$id`, and per operation its path, query, body and response schemas pointing into it.
import { contract, operationObject, operationParameters, operationRequestBodySchema, operationResponse } from '@astral/openapi/contract';
import type { OperationId } from '@astral/openapi';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { securityHeaders } from '@astral/server';

export const COMPONENTS_ID = 'urn:peer:contract';

/** `#/components/...` references rewritten to point into the registered components. */
function rebased(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebased);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${COMPONENTS_ID}${value}` : rebased(value),
    ]),
  );
}

/** The components document to register (`addSchema`) before the routes. */
export const componentsSchema = () => ({ $id: COMPONENTS_ID, components: rebased(contract.components) });

const objectOf = (id: OperationId, where: 'path' | 'query') => {
  const parameters = operationParameters(id).filter((parameter) => parameter.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, rebased(parameter.schema)])),
    required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
};

/** The route schema of `id`: params, querystring, body and the response bodies of `statuses`. */
export function routeSchema(id: OperationId, statuses: number[]) {
  const hasBody = (operationObject(id).operation as { requestBody?: unknown }).requestBody !== undefined;
  return {
    params: objectOf(id, 'path'),
    querystring: objectOf(id, 'query'),
    ...(hasBody ? { body: rebased(operationRequestBodySchema(id)) } : {}),
    response: Object.fromEntries(
      statuses.map((status) => [
        status,
        rebased((operationResponse(id, status) as { content: Record<string, { schema: unknown }> }).content['application/json']!.schema),
      ]),
    ),
  };
}

/** The field an Ajv finding names: the property it is about, else the last segment of its path. */
export function fieldOf(error: { instancePath: string; keyword: string; params: Record<string, unknown> }): string {
  if (error.keyword === 'required') return String(error.params.missingProperty);
  if (error.keyword === 'additionalProperties') return String(error.params.additionalProperty);
  const segments = error.instancePath.split('/').filter(Boolean);
  return segments.at(-1) ?? '';
}

/** The API's 400 for a finding on `field`. */
export const validationError = (field: string, message: string) => ({ error: message, details: { code: 'VALIDATION_ERROR', field } });
export const unauthorized = { error: 'Authentication required', details: { code: 'UNAUTHORIZED' } };

/**
 * The headers the contract puts on every response, which a team serving it by hand sends
 * too: the security headers (the description's *Response format*; their values from
 * `securityHeaders()`, so every variant sends the same) and `X-Request-Id`, the caller's when
 * it matches the contract's `RequestId` pattern, else a new UUID. Without them a peer would
 * write a third fewer bytes per GET than the API and win rows by doing less.
 */
export const CONTRACT_HEADERS: Readonly<Record<string, string>> = securityHeaders();
const REQUEST_ID = new RegExp((contract.components.headers as Record<string, { schema: { pattern: string } }>).RequestId!.schema.pattern);
export const requestIdOf = (request: { headers: IncomingHttpHeaders }): string => {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
};
