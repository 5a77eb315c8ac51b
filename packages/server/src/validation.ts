/**
 * The Ajv instances and the finding translation of `ajv.ts`, bound to the bundled contract,
 * and the app's validator compiler over them.
 */
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { contract } from '@astral/openapi/contract';
import { createAjvFor, describeAjvError, memoizedCompiler, type AjvKind, type ValidationFinding } from './ajv.js';
import { componentsDocument, readOnlyPropertyNames } from './contract-schemas.js';

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

const compilers = new Map<AjvKind, (schema: object) => ValidateFunction>();

/**
 * The process's one memoized compiler of each kind. Every server of a process validates
 * against the same bundled contract, so a second server (each test builds its own, the
 * sandbox runs beside the API) reuses the first one's Ajv and validators instead of
 * compiling the contract again: Ajv was half the CPU of building the reference API.
 * Validators are pure functions of their input, so sharing them shares no request state.
 *
 * @example
 * ```ts
 * const validate = sharedCompiler('body')(schema);
 * ```
 */
export function sharedCompiler(kind: AjvKind): (schema: object) => ValidateFunction {
  let compile = compilers.get(kind);
  if (!compile) {
    compile = memoizedCompiler(createAjv(kind));
    compilers.set(kind, compile);
  }
  return compile;
}

/**
 * Validates the app's requests with the shared compilers (bodies apart from path, query and
 * headers: they coerce differently). With `serialiseResponses` (production) the contract's
 * components are registered with Fastify too, for the `$ref`s of the response serialisers.
 */
export function useContractValidators(app: FastifyInstance, serialiseResponses: boolean): void {
  const compileBody = sharedCompiler('body');
  const compileParameters = sharedCompiler('parameters');
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? compileBody : compileParameters)(schema as object));
  if (serialiseResponses) app.addSchema(componentsDocument());
}

/**
 * The error Fastify raises for a request that fails validation (its `schemaErrorFormatter`):
 * Fastify's own message, without a stack trace. The error handler answers it from its
 * `validation` findings alone; the stack would only say where Fastify validates, and capturing
 * it was most of what a 400 cost beyond a valid request.
 */
export function validationFailure(errors: ReadonlyArray<{ instancePath?: string; message?: string }>, dataVar: string): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new Error(errors.map((error) => `${dataVar}${error.instancePath ?? ''} ${error.message ?? ''}`).join(', '));
  } finally {
    Error.stackTraceLimit = limit;
  }
}
