/**
 * The Ajv instances and the finding translation of `ajv.ts`, bound to the bundled contract.
 */
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import { contract } from '@astral/openapi/contract';
import { createAjvFor, describeAjvError, type AjvKind, type ValidationFinding } from './ajv.js';
import { readOnlyPropertyNames } from './contract-schemas.js';

export { memoizedCompiler, firstFinding, inDocumentSpelling, type AjvKind, type ValidationFinding } from './ajv.js';

/** An Ajv 2020 instance with the contract's components registered (see `createAjvFor`). */
export function createAjv(kind: AjvKind): Ajv2020 {
  return createAjvFor(kind, contract);
}

const readOnly = readOnlyPropertyNames();

/** Turns Ajv's first error into a field name and a message a caller can act on. */
export function describeValidationError(error: ErrorObject, part: string): ValidationFinding {
  return describeAjvError(error, part, readOnly);
}
