/**
 * Checking what a handler answers against the contract: an undocumented status in every
 * mode; in development and test also the body, against a closed copy of the schema (an
 * undeclared field is a violation there, because production would silently drop it). A
 * violation is reported, logged with the request id and answered 500.
 */
import type { FastifyRequest } from 'fastify';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { operationTable } from '@astral/openapi';
import { responseSchema } from './contract-schemas.js';
import { internalError, type ErrorResponse } from './error-handler.js';
import type { OperationId } from './types.js';
import { sharedCompiler } from './validation.js';

/** A response a handler produced that the contract does not allow. */
export interface ContractViolation {
  operationId: OperationId;
  status: unknown;
  requestId: string;
  /** Why: an undocumented status, or Ajv's findings against the response schema. */
  problems: Array<{ path?: string; message: string }>;
}

/** What a handler returned, before it is known to be allowed. */
export type HandlerOutcome = { status: unknown; body?: unknown; headers?: Record<string, string> };

/** Checks one operation's outcomes: `undefined` when allowed, else the 500 to send instead. */
export type OutcomeCheck = (request: FastifyRequest, outcome: HandlerOutcome) => ErrorResponse | undefined;

/**
 * One checker per server; `forOperation(id)` compiles that operation's validators on first use.
 *
 * @example
 * ```ts
 * const check = createResponseChecker({ checkResponses: true, logger: false }).forOperation('getRace');
 * check(request, { status: 418 }); // the 500 answer, and the violation reported
 * ```
 */
export function createResponseChecker(options: {
  checkResponses: boolean;
  logger: boolean;
  onContractViolation?: ((violation: ContractViolation) => void) | undefined;
}): { forOperation(id: OperationId): OutcomeCheck; report(violation: ContractViolation): void } {
  const report =
    options.onContractViolation ??
    ((violation: ContractViolation) => {
      // With the logger off, a violation must still not go unnoticed.
      if (!options.logger) {
        process.emitWarning(
          `${violation.operationId} answered a response the contract does not allow (request ${violation.requestId}): ` +
            violation.problems.map((p) => `${p.path ?? ''} ${p.message}`.trim()).join('; '),
          'AstralContractViolation',
        );
      }
    });
  const compileResponse = options.checkResponses ? sharedCompiler('response') : undefined;

  return {
    report,
    forOperation(id) {
      const entry = operationTable[id];
      const documented = new Set<number>(entry.statuses);
      const validators = new Map<number, ValidateFunction | null>();
      const validatorFor = (status: number): ValidateFunction | null => {
        let validate = validators.get(status);
        if (validate === undefined) {
          const schema = responseSchema(id, status);
          validate = schema && compileResponse ? compileResponse(schema) : null;
          validators.set(status, validate);
        }
        return validate;
      };

      return (request, outcome) => {
        const status = outcome?.status;
        const problems: ContractViolation['problems'] = [];
        if (typeof status !== 'number' || !documented.has(status)) {
          problems.push({ message: `status ${String(status)} is not documented for ${id} (documented: ${entry.statuses.join(', ')})` });
        } else if (options.checkResponses) {
          const validate = validatorFor(status);
          if (!validate) {
            if (outcome.body !== undefined) problems.push({ message: `status ${status} of ${id} has no body in the contract` });
          } else if (!validate(outcome.body)) {
            for (const error of validate.errors ?? [])
              problems.push({ path: error.instancePath || '/', message: error.message ?? error.keyword });
          }
        }
        if (problems.length === 0) return undefined;
        const violation: ContractViolation = { operationId: id, status, requestId: request.id, problems };
        request.log.error({ contractViolation: violation }, `Response of ${id} does not match the contract`);
        report(violation);
        return internalError(
          options.checkResponses ? `The response does not match the API contract; see the server log for request ${request.id}` : undefined,
        );
      };
    },
  };
}
