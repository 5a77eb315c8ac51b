/**
 * An example value of a schema, put together from the examples the contract gives its parts,
 * so tests and fixtures take a whole resource (a Race) from the contract instead of pasting
 * one: a new field arrives with the example its schema file already carries.
 */
import type { JsonNode, OpenApiDocument } from './document.js';
import { resolveRef } from './refs.js';

/**
 * The schema's own `example` (or first of `examples`); else, for an object, each property's
 * example; for an array, its items' example in a list. `undefined` when a part has none, so
 * a missing example shows as a missing field rather than an invented value.
 *
 * @example
 * ```ts
 * schemaExample(document, document.components.schemas.Race).race_name; // 'Chicago Marathon'
 * ```
 */
export function schemaExample(document: OpenApiDocument, schema: JsonNode): JsonNode {
  const resolved = resolveRef(document, schema);
  if (!resolved || typeof resolved !== 'object') return undefined;
  if (resolved.example !== undefined) return resolved.example;
  if (Array.isArray(resolved.examples) && resolved.examples.length > 0) return resolved.examples[0];
  if (resolved.properties) {
    const value: Record<string, unknown> = {};
    for (const [name, property] of Object.entries<JsonNode>(resolved.properties)) {
      const example = schemaExample(document, property);
      if (example !== undefined) value[name] = example;
    }
    return value;
  }
  if (resolved.items) {
    const item = schemaExample(document, resolved.items);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}
