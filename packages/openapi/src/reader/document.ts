/**
 * The shape of an OpenAPI 3.1 document as the readers here see it. Nodes below the top level
 * are plain JSON: the contract is validated by Redocly and by an independent validator
 * (test/contract-valid.test.ts), so the readers trust its structure and stay small.
 */

/** Any JSON node of the document (a schema, a parameter, a response...). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON tree walked by key
export type JsonNode = any;

/** The parts of a bundled OpenAPI 3.1 document the readers use; everything else is kept as is. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string }>;
  security?: Array<Record<string, string[]>>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, JsonNode>>;
  components: Record<string, Record<string, JsonNode>>;
  [key: string]: unknown;
}

/** A parameter object of the contract, resolved. */
export interface ContractParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonNode;
  example?: unknown;
  examples?: Record<string, JsonNode>;
  [key: string]: unknown;
}
