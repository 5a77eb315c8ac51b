/**
 * What the suite reads from the bundled contract: per operation its parameters, request
 * body schema, response schemas and examples, fully resolved. The suite keeps its own
 * reader (it does not import the server's) so the oracle stays independent of the code
 * under test.
 */
import { contract, operationObject, operationParameters, resolveRef } from '@astral/openapi/contract';
import { basePath, operationIds, operationTable, type OperationId } from '@astral/openapi';

export { basePath, operationIds, operationTable, type OperationId };

/** A JSON Schema node of the contract, resolved or not. */
export type Schema = Record<string, any>;

/** One parameter of an operation, its schema resolved. */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}


/**
 * A schema with every `$ref` inlined, for generators that need to see the constraints
 * (`maxLength`, `enum`, ...) directly. The contract has no recursive schemas.
 *
 * @example
 * ```ts
 * deref({ $ref: '#/components/schemas/RaceName' }).maxLength; // 200
 * ```
 */
export function deref(node: any): any {
  if (Array.isArray(node)) return node.map(deref);
  if (node === null || typeof node !== 'object') return node;
  const resolved = resolveRef(node);
  const copy: Schema = {};
  for (const [key, value] of Object.entries(resolved)) copy[key] = key === 'example' || key === 'examples' ? value : deref(value);
  return copy;
}

/**
 * Every parameter of an operation, path-level and operation-level, resolved.
 *
 * @example
 * ```ts
 * parameters('getRace').map((p) => p.name); // ["race_id"]
 * ```
 */
export function parameters(id: OperationId): Parameter[] {
  return operationParameters(id).map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: deref(p.schema ?? {}) }));
}

/** The JSON request body schema of an operation, inlined, or `undefined` when it takes none. */
export function requestBodySchema(id: OperationId): Schema | undefined {
  const body = resolveRef(operationObject(id).operation.requestBody);
  const schema = body?.content?.['application/json']?.schema;
  return schema === undefined ? undefined : deref(schema);
}

/** The named request body examples of an operation (in contract order). */
export function requestBodyExamples(id: OperationId): unknown[] {
  const body = resolveRef(operationObject(id).operation.requestBody);
  const media = body?.content?.['application/json'];
  return Object.values<any>(media?.examples ?? {}).map((example) => structuredClone(resolveRef(example).value));
}

/** The response object of an operation for a status (headers, content), resolved. */
export function responseObject(id: OperationId, status: number): any {
  return resolveRef(operationObject(id).operation.responses?.[String(status)]);
}

/** The schema of the API's error body, inlined. */
export function errorSchema(): Schema {
  return deref({ $ref: '#/components/schemas/Error' });
}

/** The `details.code` vocabulary (ErrorCode.yaml). */
export function errorCodes(): string[] {
  return deref({ $ref: '#/components/schemas/ErrorCode' }).enum as string[];
}

/**
 * Which `details.code` values may come with a status, read from the shared error responses'
 * examples (`components/responses/*`): the 400 response documents both `VALIDATION_ERROR`
 * and `INVALID_JSON`, the 401 `UNAUTHORIZED`, and so on.
 *
 * @example
 * ```ts
 * codesByStatus().get(413); // Set { "PAYLOAD_TOO_LARGE" }
 * ```
 */
export function codesByStatus(): Map<number, Set<string>> {
  const byStatus = new Map<number, Set<string>>();
  for (const id of operationIds) {
    for (const status of operationTable[id].statuses) {
      if (status < 400) continue;
      const media = responseObject(id, status)?.content?.['application/json'];
      for (const example of Object.values<any>(media?.examples ?? {})) {
        const code = resolveRef(example)?.value?.details?.code;
        if (typeof code !== 'string') continue;
        if (!byStatus.has(status)) byStatus.set(status, new Set());
        byStatus.get(status)!.add(code);
      }
    }
  }
  return byStatus;
}

/**
 * The largest request body the API documents accepting, in bytes, read from the 413
 * response's example message ("larger than 1048576 bytes").
 */
export function documentedBodyLimit(): number {
  for (const id of operationIds) {
    const media = responseObject(id, 413)?.content?.['application/json'];
    for (const example of Object.values<any>(media?.examples ?? {})) {
      const match = /(\d{4,}) bytes/.exec(String(resolveRef(example)?.value?.error ?? ''));
      if (match) return Number(match[1]);
    }
  }
  throw new Error('The contract documents no body limit in a 413 example');
}

/** Names of the properties a response schema of the contract marks `readOnly` (server-set). */
export function readOnlyProperties(): string[] {
  const names = new Set<string>();
  for (const schema of Object.values<any>(contract.components.schemas ?? {})) {
    for (const [name, property] of Object.entries<any>(schema?.properties ?? {})) {
      if (resolveRef(property)?.readOnly === true) names.add(name);
    }
  }
  return [...names];
}

/** The operation's security alternatives: lists of scheme names (empty list: public). */
export function securityRequirements(id: OperationId): string[][] {
  const security: Array<Record<string, string[]>> = operationObject(id).operation.security ?? contract.security ?? [];
  return security.map((requirement) => Object.keys(requirement));
}

/** The contract's security schemes, by name. */
export function securitySchemes(): Record<string, any> {
  return (contract.components.securitySchemes ?? {}) as Record<string, any>;
}

/** The components document Ajv registers, so `#/components/...` refs resolve unchanged. */
export const CONTRACT_SCHEMA_ID = 'urn:astral:reliability:contract';

/** A response schema of an operation with its refs pointing into the registered components. */
export function responseSchemaRef(id: OperationId, status: number): Schema | undefined {
  const schema = responseObject(id, status)?.content?.['application/json']?.schema;
  return schema === undefined ? undefined : rebase(schema);
}

function rebase(node: any): any {
  if (Array.isArray(node)) return node.map(rebase);
  if (node === null || typeof node !== 'object') return node;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? CONTRACT_SCHEMA_ID + value : rebase(value);
  }
  return copy;
}

/** The contract's components, registered once under {@link CONTRACT_SCHEMA_ID}. */
export function componentsDocument(): Schema {
  return { $id: CONTRACT_SCHEMA_ID, components: { schemas: contract.components.schemas ?? {} } };
}
