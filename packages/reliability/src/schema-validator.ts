/**
 * One Ajv 2020-12 instance (OpenAPI 3.1 schemas are JSON Schema 2020-12) with the formats
 * the contract uses, and the contract's components registered so response schemas resolve
 * `#/components/schemas/...` unchanged.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { memoizedCompiler } from '@astral/server';
import { componentsDocument, type Schema } from './contract.js';

// ajv-formats is CommonJS: under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The suite's Ajv: strict off (the contract carries `example` and `x-` annotations), all errors. */
export const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema(componentsDocument());

/**
 * A second Ajv that coerces text the way servers read query strings and path segments
 * (`"7"` is an integer 7, `"true"` a boolean), so a parameter value counts as invalid only
 * when its text cannot mean a valid value.
 */
export const textAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, coerceTypes: true });
addFormats(textAjv);

// Keyed by the schema's text: the same field schema reached from several operations
// compiles once (Ajv compiles are the slow part of building the generators).
const compile = memoizedCompiler(ajv);
const compileText = memoizedCompiler(textAjv);

/**
 * Whether the text of a query or path parameter can be read as a valid value of the schema.
 *
 * @example
 * ```ts
 * textValidator({ type: 'integer', maximum: 100 })('101'); // false
 * ```
 */
export function textValidator(schema: Schema): (text: string) => boolean {
  const validate = compileText({ type: 'object', properties: { value: schema } });
  return (text: string) => validate({ value: text });
}

/**
 * A cached validator for a schema (inlined, or with refs into the registered components).
 *
 * @example
 * ```ts
 * schemaValidator({ type: 'string', format: 'date-time' })('2025-10-05T08:00:00Z'); // true
 * ```
 */
export function schemaValidator(schema: Schema): ValidateFunction {
  return compile(schema);
}
