/**
 * The bundled contract as a JavaScript object, for runtimes that validate against it
 * (the server stubs, the mock, the tests), and the reader's questions asked of it by
 * operationId. Node-only: it reads the bundled JSON from disk, so browser bundles that
 * import `@astral/openapi` never carry the whole document.
 *
 * @example
 * ```ts
 * import { contract, operationParameters } from '@astral/openapi/contract';
 * contract.info.version; // "1.0.0"
 * operationParameters('getRace').map((p) => p.name); // ["race_id"]
 * ```
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operationTable } from './generated/operations.js';
import type { components } from './generated/schema.js';
import type { ContractParameter, JsonNode, OpenApiDocument } from './reader/document.js';
import { isOpen, parametersOf, requestBodySchemaOf, responseOf, securityRequirementsOf } from './reader/operations.js';
import { schemaExample } from './reader/schema-example.js';
import { credentialQueryParametersOf, redactCredentialsInUrl } from './reader/credential-urls.js';

export type { ContractParameter, JsonNode, OpenApiDocument } from './reader/document.js';

type OperationId = keyof typeof operationTable;

/** Absolute path of the bundled contract, JSON: the published bundle (no `x-internal` parts). */
export const contractJsonPath = fileURLToPath(new URL('../contract/openapi.json', import.meta.url));
/** Absolute path of the bundled contract, YAML: the published bundle. */
export const contractYamlPath = fileURLToPath(new URL('../contract/openapi.yaml', import.meta.url));
/**
 * Absolute path of the development bundle, JSON: the published contract plus its development
 * layer (local servers, development credentials). For the mock, the sandbox, the try-it
 * console and the docs `npm start` serves; never for what is published.
 */
export const developmentContractJsonPath = fileURLToPath(new URL('../contract/development/openapi.json', import.meta.url));
/** Absolute path of the development bundle, YAML. */
export const developmentContractYamlPath = fileURLToPath(new URL('../contract/development/openapi.yaml', import.meta.url));

/** Reads a fresh copy of the bundled contract (callers may mutate it); the development bundle with `development`. */
export function loadContract(bundle: 'published' | 'development' = 'published'): OpenApiDocument {
  const path = bundle === 'development' ? developmentContractJsonPath : contractJsonPath;
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** The bundled contract, read once. Treat it as read-only; use `loadContract()` for a copy. */
export const contract: OpenApiDocument = loadContract();

/**
 * The contract's operation object for an operationId, with its path item.
 *
 * @example
 * ```ts
 * operationObject('getRace').operation.summary; // "Get a race"
 * ```
 */
export function operationObject(id: OperationId): { pathItem: JsonNode; operation: JsonNode } {
  const { method, path } = operationTable[id];
  const pathItem = contract.paths[path];
  return { pathItem, operation: pathItem?.[method] };
}

/** Every parameter of an operation, path-level and operation-level, resolved. */
export function operationParameters(id: OperationId): ContractParameter[] {
  return parametersOf(contract, operationObject(id));
}

/** The response object of an operation for a status, resolved (`undefined` when undocumented). */
export function operationResponse(id: OperationId, status: number): JsonNode {
  return responseOf(contract, operationObject(id).operation, status);
}

/** The JSON request body schema of an operation (refs kept), or `undefined`. */
export function operationRequestBodySchema(id: OperationId): JsonNode {
  return requestBodySchemaOf(contract, operationObject(id).operation);
}

/** An operation's security alternatives, each a list of scheme names that must all be met. */
export function operationSecurity(id: OperationId): string[][] {
  return securityRequirementsOf(contract, operationObject(id).operation);
}

/**
 * Whether the operation needs no credentials at all (`security: []`, or an empty alternative).
 *
 * @example
 * ```ts
 * operationIsOpen('login'); // true
 * operationIsOpen('getMe'); // false
 * ```
 */
export function operationIsOpen(id: OperationId): boolean {
  return isOpen(operationSecurity(id));
}

/**
 * A component schema's example, built from the examples its properties carry in the contract:
 * the one fixture of a resource for every package's tests.
 *
 * @example
 * ```ts
 * const race = componentExample('Race'); // { race_id: 'race_xyz456', race_name: 'Chicago Marathon', ... }
 * const sparse = { ...race, race_description: null };
 * ```
 */
export function componentExample<Name extends keyof components['schemas']>(name: Name): components['schemas'][Name] {
  const example = schemaExample(contract, contract.components.schemas?.[name]);
  if (example === undefined) throw new Error(`componentExample: the contract gives ${name} no example`);
  return structuredClone(example) as components['schemas'][Name];
}

/** The query parameters of the contract that carry a credential (`feed_token`): logs redact them. */
export const credentialQueryParameters: readonly string[] = credentialQueryParametersOf(contract);

/**
 * A request URL as a log may keep it: the contract's credential query parameters redacted.
 *
 * @example
 * ```ts
 * redactedUrl('/api/v1/training/plan-instances/pli_1/calendar.ics?feed_token=astral_cf_…'); // '…?feed_token=[redacted]'
 * ```
 */
export function redactedUrl(url: string): string {
  return redactCredentialsInUrl(url, credentialQueryParameters);
}
