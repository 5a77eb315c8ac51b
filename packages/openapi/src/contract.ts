/**
 * The bundled contract as a JavaScript object, for runtimes that validate against it
 * (the server stubs, the mock, the tests). Node-only: it reads the bundled JSON from disk,
 * so browser bundles that import `@astral/openapi` never carry the whole document.
 *
 * @example
 * ```ts
 * import { contract, contractJsonPath } from '@astral/openapi/contract';
 * contract.info.version; // "1.0.0"
 * ```
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operationTable } from './generated/operations.js';

/** The parts of an OpenAPI 3.1 document the consumers here read; everything else is kept as is. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string }>;
  security?: Array<Record<string, string[]>>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
  [key: string]: unknown;
}

/** Absolute path of the bundled contract, JSON. */
export const contractJsonPath = fileURLToPath(new URL('../contract/openapi.json', import.meta.url));
/** Absolute path of the bundled contract, YAML. */
export const contractYamlPath = fileURLToPath(new URL('../contract/openapi.yaml', import.meta.url));

/** Reads a fresh copy of the bundled contract (callers may mutate it). */
export function loadContract(): OpenApiDocument {
  return JSON.parse(readFileSync(contractJsonPath, 'utf8')) as OpenApiDocument;
}

/** The bundled contract, read once. Treat it as read-only; use `loadContract()` for a copy. */
export const contract: OpenApiDocument = loadContract();

/**
 * Follows local `$ref`s (`#/components/...`) to the node they point at, in `document`
 * (the bundled contract by default). Anything that is not a local ref comes back as is.
 *
 * @example
 * ```ts
 * resolveRef({ $ref: '#/components/schemas/RaceName' }).maxLength; // 200
 * ```
 */
export function resolveRef(node: any, document: OpenApiDocument = contract): any {
  let current = node;
  while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((parent: any, key: string) => parent?.[key], document);
  }
  return current;
}

/** A parameter object of the contract, resolved. */
export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: any;
  [key: string]: unknown;
}

/**
 * The contract's operation object for an operationId, with its path item.
 *
 * @example
 * ```ts
 * operationObject('getRace').operation.summary; // "Get a race"
 * ```
 */
export function operationObject(id: keyof typeof operationTable): { pathItem: any; operation: any } {
  const { method, path } = operationTable[id];
  const pathItem = contract.paths[path];
  return { pathItem, operation: pathItem?.[method] };
}

/**
 * Every parameter of an operation, path-level and operation-level (an operation-level one
 * overrides a path-level one of the same name and location), resolved.
 *
 * @example
 * ```ts
 * operationParameters('getRace').map((p) => p.name); // ["race_id"]
 * ```
 */
export function operationParameters(id: keyof typeof operationTable): ContractParameter[] {
  const { pathItem, operation } = operationObject(id);
  const byKey = new Map<string, ContractParameter>();
  for (const raw of [...(pathItem?.parameters ?? []), ...(operation?.parameters ?? [])]) {
    const parameter = resolveRef(raw) as ContractParameter;
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}
