/**
 * The contract as Prism is given it: every recursive schema that states its depth
 * (`x-astral-max-depth`, `ContentBlock`: 3) unrolled that deep, with `false` (nothing valid)
 * one level further, the same copy the server's and MSW's validators compile
 * (`inlineRefs`). Prism follows a recursive `$ref` without end, so without this the mock
 * accepted a block nested past the limit that the API refuses with a `400` naming its path.
 */
import { readFileSync } from 'node:fs';
import { inlineRefs, MAX_DEPTH_KEYWORD, type OpenApiDocument } from '@astral/openapi/reader';

/**
 * @example
 * ```ts
 * const document = depthBoundContract(developmentContractJsonPath);
 * document.components.schemas.ContentBlock.properties.blocks.items.properties.blocks.items.properties.blocks.items; // false
 * ```
 */
export function depthBoundContract(contractPath: string): OpenApiDocument {
  const document = JSON.parse(readFileSync(contractPath, 'utf8')) as OpenApiDocument;
  const schemas: Record<string, Record<string, unknown> | undefined> = document.components['schemas'] ?? {};
  const bounded = Object.keys(schemas).filter((name) => typeof schemas[name]?.[MAX_DEPTH_KEYWORD] === 'number');
  // Unrolled from the document as read, then put in place, so each copy starts from the recursive original.
  const unrolled = bounded.map(
    (name) => [name, inlineRefs(document, { $ref: `#/components/schemas/${name}` }) as Record<string, unknown>] as const,
  );
  for (const [name, schema] of unrolled) schemas[name] = schema;
  return document;
}
