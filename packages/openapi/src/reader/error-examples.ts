/**
 * Error examples per operation, derived at bundle time. The hand-written shared responses
 * (`components/responses/*`) carry resource-neutral examples; each operation that refers
 * to one gets, in the bundle, its own copy whose first examples speak of its resource
 * ("Training plan not found", field `training_plan_id`), from the catalogue's
 * `resource_message` templates. An operation may add its own named examples per status
 * with `x-astral-error-examples` (a race's duplicate-name conflict). So the mock's
 * `Prefer: code=404` and the docs answer every resource in its own words, and a new
 * resource needs no error example written by hand.
 */
import type { JsonNode, OpenApiDocument } from './document.js';
import { errorCatalogueOf, type ErrorCatalogueEntry } from './errors.js';
import { namespaceOf, resourceNounOf } from './naming.js';
import { operationsOf, parametersOf, type OperationLocation } from './operations.js';
import { isLocalRef, resolveRef } from './refs.js';

/** The extension an operation uses to add its own error examples, by status. */
export const OPERATION_ERROR_EXAMPLES = 'x-astral-error-examples';

/** The resource an operation acts on: its last path parameter's noun, else its tag's singular. */
function resourceOf(document: OpenApiDocument, location: OperationLocation): { noun: string; idField?: string } {
  const pathParameters = parametersOf(document, location).filter((p) => p.in === 'path');
  const last = pathParameters.at(-1);
  if (last) return { noun: resourceNounOf(last.name), idField: last.name };
  const tag: string = location.operation.tags?.[0] ?? 'resource';
  const singular = tag.toLowerCase().replace(/s$/, '');
  return { noun: singular };
}

function fill(template: string, noun: string): string {
  const capitalized = noun.charAt(0).toUpperCase() + noun.slice(1);
  return template.replaceAll('{Resource}', capitalized).replaceAll('{resource}', noun);
}

/** The templated examples of one status, named `raceNotFound`, `trainingPlanConflict`... */
function templatedExamples(
  catalogue: Record<string, ErrorCatalogueEntry>,
  status: number,
  resource: { noun: string; idField?: string },
): Record<string, JsonNode> {
  const examples: Record<string, JsonNode> = {};
  for (const [code, entry] of Object.entries(catalogue)) {
    if (entry.status !== status || !entry.resourceMessage) continue;
    // A 404 names the identifier that found nothing; without one there is nothing to name.
    if (code === 'NOT_FOUND' && !resource.idField) continue;
    const field = code === 'NOT_FOUND' ? resource.idField : undefined;
    const name = `${namespaceOf(resource.noun)}${namespaceOf(code.toLowerCase()).replace(/^./, (c) => c.toUpperCase())}`;
    examples[name] = {
      summary: fill(entry.resourceMessage, resource.noun),
      value: { error: fill(entry.resourceMessage, resource.noun), details: field ? { code, field } : { code } },
    };
  }
  return examples;
}

/**
 * A copy of a bundled document in which every error response that refers to a shared
 * response is inlined with per-operation examples first, then the shared ones. Responses
 * an operation writes inline are left as they are.
 *
 * @example
 * ```ts
 * const bundle = withErrorExamples(redoclyBundle);
 * bundle.paths['/races/{race_id}'].get.responses['404'].content['application/json'].examples.raceNotFound.value.error; // 'Race not found'
 * ```
 */
export function withErrorExamples(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  // A contract from before the catalogue existed (an old commit the breaking-change check
  // bundles) keeps its shared examples as they are.
  const hasCatalogue = resolveRef(copy, copy.components?.schemas?.ErrorCode)?.['x-astral-errors'] !== undefined;
  const catalogue = hasCatalogue ? errorCatalogueOf(copy) : {};
  for (const location of operationsOf(copy)) {
    const own: Record<string, Record<string, JsonNode>> = location.operation[OPERATION_ERROR_EXAMPLES] ?? {};
    delete location.operation[OPERATION_ERROR_EXAMPLES];
    const resource = resourceOf(copy, location);
    for (const [statusText, raw] of Object.entries<JsonNode>(location.operation.responses ?? {})) {
      const status = Number(statusText);
      if (!(status >= 400) || !isLocalRef(raw)) {
        if (own[statusText])
          throw new Error(`${location.operationId}: ${OPERATION_ERROR_EXAMPLES} for ${statusText} needs a shared error response`);
        continue;
      }
      const shared = resolveRef(copy, raw);
      const media = shared?.content?.['application/json'];
      if (!media) continue;
      location.operation.responses[statusText] = {
        ...shared,
        content: {
          ...shared.content,
          'application/json': {
            ...media,
            examples: { ...own[statusText], ...templatedExamples(catalogue, status, resource), ...media.examples },
          },
        },
      };
    }
  }
  return copy;
}
