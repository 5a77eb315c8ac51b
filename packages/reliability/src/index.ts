/**
 * `@astral/reliability`: the pieces of the reliability and security suite, reusable by any
 * test that attacks an implementation of the Astral contract.
 *
 * @example
 * ```ts
 * import { runFuzz, injectTransport, fuzzSeed, describeFailures } from '@astral/reliability';
 * const report = await runFuzz({ send: injectTransport(app), context, seed: fuzzSeed(), numRuns: 2000 });
 * if (report.failures.length) throw new Error(describeFailures(report));
 * ```
 */
export * from './contract.js';
export { ajv, schemaValidator, textValidator } from './schema-validator.js';
export { validValue, invalidValue, dateTimeArbitrary, type InvalidValue } from './schema-arbitraries.js';
export type { ApiRequest, ApiResponse, Send } from './exchange.js';
export { validRequest, invalidRequest, anyRequest, type RequestContext } from './requests.js';
export { existingIds, listers, mergeIds, ownIds, principalIds, selfLookup, type KnownIds } from './identifiers.js';
export { checkResponse, requestSecrets, type CheckOptions } from './check-response.js';
export { documentedInProse } from './documented-in-prose.js';
export { injectTransport, httpTransport, type Injectable } from './transport.js';
export { formatReproducer } from './reproducer.js';
export {
  runFuzz,
  describeFailures,
  neverExercised,
  fuzzSeed,
  DEFAULT_SEED,
  type FuzzReport,
  type FuzzFailure,
  type FuzzOptions,
} from './fuzz.js';
export * from './credential-cases.js';
export * from './auth-matrix.js';
export * from './cell-requests.js';
export { looksUp, storageShare } from './auth-matrix-share.js';
export * from './api-process.js';
export * from './organization-matrix.js';
export { brokenDeviceFile, deviceFileFor, takesFile, validDeviceFile, type DeviceFile } from './device-files.js';
