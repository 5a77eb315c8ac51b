// The bundled contract as the tests read it: built by `turbo run bundle` before they run.
import { readFileSync } from 'node:fs';
import { resolveRef, type JsonNode } from '../src/reader/index.js';

// `JsonNode` (any) rather than `OpenApiDocument`: the tests index the document freely.
export const bundled: JsonNode = JSON.parse(readFileSync(new URL('../dist/contract/openapi.json', import.meta.url), 'utf8'));
/** The development bundle: the published one plus the `x-internal` parts (local servers, development credentials). */
export const developmentBundle: JsonNode = JSON.parse(
  readFileSync(new URL('../dist/contract/development/openapi.json', import.meta.url), 'utf8'),
);

/** Resolves a local `$ref` inside the bundled document. */
export const deref = (node: JsonNode): JsonNode => resolveRef(bundled, node);
