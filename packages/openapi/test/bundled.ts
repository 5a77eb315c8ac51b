// The bundled contract as the tests read it: built by `turbo run bundle` before they run.
import { readFileSync } from 'node:fs';
import { resolveRef, type JsonNode, type OpenApiDocument } from '../src/reader/index.js';

export const bundled = JSON.parse(readFileSync(new URL('../dist/contract/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument &
  JsonNode;

/** Resolves a local `$ref` inside the bundled document. */
export const deref = (node: JsonNode): JsonNode => resolveRef(bundled, node);
