/**
 * The one `$ref` resolver. Every reader of the contract (the generator, the server, the
 * reliability suite, the docs) follows references through here: document first, then node.
 */
import type { JsonNode, OpenApiDocument } from './document.js';

/** `#/components/schemas/Race` → `['components', 'schemas', 'Race']` (JSON Pointer unescaped). */
function pointerSegments(ref: string): string[] {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Whether a node is a local reference (`{ $ref: '#/...' }`). */
export function isLocalRef(node: JsonNode): node is { $ref: string } {
  return typeof node === 'object' && node !== null && typeof node.$ref === 'string' && node.$ref.startsWith('#/');
}

/**
 * Follows local `$ref`s until a node that is not one; anything else comes back as is. A
 * chain that loops (`A → B → A`) or points nowhere throws, naming the reference.
 *
 * @example
 * ```ts
 * resolveRef(document, { $ref: '#/components/schemas/RaceName' }).maxLength; // 200
 * ```
 */
export function resolveRef<T = JsonNode>(document: OpenApiDocument, node: JsonNode): T {
  let current: JsonNode = node;
  const seen = new Set<string>();
  while (isLocalRef(current)) {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`$ref cycle: ${[...seen, ref].join(' → ')}`);
    seen.add(ref);
    current = pointerSegments(ref).reduce<JsonNode>((parent, key) => parent?.[key], document);
    if (current === undefined) throw new Error(`$ref points nowhere: ${ref}`);
  }
  return current as T;
}

/** The keyword by which a recursive schema states how deep it may nest (`ContentBlock`: 3). */
export const MAX_DEPTH_KEYWORD = 'x-astral-max-depth';

/**
 * A deep copy of a schema with every local `$ref` inlined, for code that must see the
 * constraints directly (`maxLength`, `enum`...). Examples are copied as they are. A
 * recursive schema is unrolled as deep as its `x-astral-max-depth` allows, and one level
 * further it becomes `false` (nothing is valid there), so the copy refuses what the contract
 * says is too deep; a recursive schema that states no depth throws rather than looping.
 *
 * @example
 * ```ts
 * inlineRefs(document, { $ref: '#/components/schemas/Race' }).properties.race_name.maxLength; // 200
 * ```
 */
export function inlineRefs(document: OpenApiDocument, node: JsonNode, trail: readonly string[] = []): JsonNode {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(document, item, trail));
  if (node === null || typeof node !== 'object') return node;
  let nextTrail = trail;
  if (isLocalRef(node)) {
    if (trail.includes(node.$ref)) {
      const depth = resolveRef<Record<string, JsonNode>>(document, node)[MAX_DEPTH_KEYWORD];
      if (typeof depth !== 'number') throw new Error(`recursive schema: ${[...trail, node.$ref].join(' → ')}`);
      if (trail.filter((ref) => ref === node.$ref).length >= depth) return false;
    }
    nextTrail = [...trail, node.$ref];
  }
  const resolved = resolveRef(document, node);
  const copy: Record<string, JsonNode> = {};
  for (const [key, value] of Object.entries<JsonNode>(resolved)) {
    copy[key] = key === 'example' || key === 'examples' ? value : inlineRefs(document, value, nextTrail);
  }
  return copy;
}

/**
 * A deep copy whose local refs point into a components document registered under `id`
 * (Ajv, Fastify), so a schema compiled on its own still resolves `#/components/...`.
 *
 * @example
 * ```ts
 * rebase({ $ref: '#/components/schemas/Race' }, 'urn:astral:contract');
 * // { $ref: 'urn:astral:contract#/components/schemas/Race' }
 * ```
 */
export function rebase(schema: JsonNode, id: string): JsonNode {
  if (Array.isArray(schema)) return schema.map((item) => rebase(item, id));
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, JsonNode> = {};
  for (const [key, value] of Object.entries<JsonNode>(schema)) {
    copy[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? id + value : rebase(value, id);
  }
  return copy;
}
