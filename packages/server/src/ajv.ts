/**
 * Ajv for OpenAPI 3.1 (JSON Schema 2020-12, with formats) over any document passed in, and
 * the translation of its findings into the API's `VALIDATION_ERROR` with the offending
 * field. No file access, so browsers use it too; `validation.ts` binds it to the contract.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from '@astral/openapi/reader';
import { annotationKeywordsOf, componentsDocumentOf } from './document-schemas.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the
// module (a bundler's interop hands over the plugin itself, which carries `.default` too).
const addFormats = addFormatsModule.default;

/** Which part of the exchange an Ajv instance checks; each has its own coercion rules. */
export type AjvKind = 'body' | 'parameters' | 'response';

/**
 * An Ajv 2020 instance with a document's components registered under one `$id`.
 * - `parameters`: strings from the URL are coerced (`"10"` → 10, `"true"` → true). Defaults are
 *   not applied here: the query defaulter does it in one place, after validation, so the
 *   handler can also learn which parameters the caller sent.
 * - `body`: no coercion (JSON has types), defaults applied.
 * - `response`: no coercion; objects closed (an undeclared field is a violation).
 */
export function createAjvFor(kind: AjvKind, document: OpenApiDocument): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    // A `required` inside `oneOf`/`if` names a property its parent schema defines (exactly
    // one of `email`/`user_id` on a new member); JSON Schema allows it, strict mode would not.
    strictRequired: false,
    allowUnionTypes: true, // `type: ["string", "null"]` is how OpenAPI 3.1 says nullable
    coerceTypes: kind === 'parameters' ? 'array' : false,
    useDefaults: kind === 'body',
    // Bodies collect every finding so an unknown field can be named before a missing one.
    allErrors: kind === 'body',
  });
  addFormats(ajv);
  ajv.addVocabulary(annotationKeywordsOf(document));
  // The contract's components, proved a valid JSON Schema document by Redocly and the validator.
  const components = componentsDocumentOf(document, { closed: kind === 'response' }) as {
    components: { schemas: Record<string, unknown> };
  };
  ajv.addSchema(kind === 'body' ? withoutRootDefaults(components) : components);
  return ajv;
}

/**
 * The components document without the `default` at a component's root (`language`,
 * `workout_days`: a field's documented default). Ajv applies a default only from the
 * `properties` of the object that holds the field, where the contract has a `$ref`, so a
 * default at the root of a referenced schema is never applied; with `useDefaults`, strict
 * mode refuses to compile such a schema once it is not inlined (one holding a `$ref`
 * itself). Dropping it from the body validator's copy changes nothing checked or applied.
 */
function withoutRootDefaults(document: { components: { schemas: Record<string, unknown> } }): object {
  const schemas = Object.fromEntries(
    Object.entries(document.components.schemas).map(([name, schema]) => {
      if (schema === null || typeof schema !== 'object' || !('default' in schema)) return [name, schema];
      const { default: _documented, ...rest } = schema as Record<string, unknown>;
      return [name, rest];
    }),
  );
  return { ...document, components: { ...document.components, schemas } };
}

/** One finding, ready for the error shape. */
export interface ValidationFinding {
  field?: string;
  message: string;
}

/** `/race_variants/0` → `race_variants[0]`; `/a/b` → `a.b`. */
function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : field ? `${field}.${part}` : part), '');
}

function join(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}

/** Keywords that judge a whole schema, not one field: a finding inside them names the field. */
const COMPOSITION_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf', 'not', 'if']);

/**
 * A field the operation does not define is named first: it is the most precise finding;
 * then any finding about one field before a composition's verdict (`oneOf` failing because a
 * field has the wrong type names that field).
 */
export function firstFinding(errors: ErrorObject[]): ErrorObject {
  return (
    errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') ??
    errors.find((e) => !COMPOSITION_KEYWORDS.has(e.keyword)) ??
    errors[0]!
  );
}

/**
 * Turns one Ajv error into a field name and a message a caller can act on; `readOnly` names
 * the fields the document marks `readOnly` (sent, they are "set by the server").
 */
export function describeAjvError(error: ErrorObject, part: string, readOnly: ReadonlySet<string>): ValidationFinding {
  const at = pointerToField(error.instancePath);
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'required':
      return { field: join(at, String(params.missingProperty)), message: `${join(at, String(params.missingProperty))} is required` };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const field = join(at, name);
      const why = readOnly.has(name) ? 'is set by the server and cannot be sent' : 'is not a known field';
      return { field, message: `${field} ${why}` };
    }
    case 'enum': {
      const message = `${at || `The ${part}`} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
      return at ? { field: at, message } : { message };
    }
    case 'false schema':
      // Past a recursive schema's `x-astral-max-depth` the unrolled copy allows nothing.
      return { field: at, message: `${at} is nested deeper than the contract allows` };
    case 'minProperties':
      return { message: `The ${part} must have at least ${String(params.limit)} field${params.limit === 1 ? '' : 's'}` };
    default:
      if (!at && error.keyword === 'type' && part === 'body') {
        return { message: 'The request body must be a JSON object' };
      }
      return at ? { field: at, message: `${at} ${error.message}` } : { message: `The ${part} ${error.message}` };
  }
}

/** A header finding names the header as the document spells it (`Idempotency-Key`). */
export function inDocumentSpelling(finding: ValidationFinding, names: ReadonlyMap<string, string>): ValidationFinding {
  const name = finding.field === undefined ? undefined : names.get(finding.field);
  if (finding.field === undefined || name === undefined) return finding;
  const message = finding.message.startsWith(finding.field) ? name + finding.message.slice(finding.field.length) : finding.message;
  return { field: name, message };
}

/**
 * A compiler that reuses one validator per distinct schema: every error response of every
 * operation is the same `Error` schema, and start-up time matters for tests and for a
 * contract that grows.
 */
export function memoizedCompiler(ajv: Ajv2020): (schema: object) => ValidateFunction {
  const cache = new Map<string, ValidateFunction>();
  return (schema) => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      cache.set(key, validate);
    }
    return validate;
  };
}
