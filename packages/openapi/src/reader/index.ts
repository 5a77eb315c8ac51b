/**
 * The one way to read an OpenAPI document in this repository: references, operations,
 * parameters, security, base path, the error catalogue, names. Every function takes the
 * document first, so the same code reads the contract, a test fixture or a synthetic bundle.
 * `@astral/openapi/contract` binds the common questions to the bundled contract.
 *
 * @example
 * ```ts
 * import { operationsOf, resolveRef } from '@astral/openapi/reader';
 * for (const { operationId, operation } of operationsOf(document)) console.log(operationId, resolveRef(document, operation.requestBody));
 * ```
 */
export type { ContractParameter, JsonNode, OpenApiDocument } from './document.js';
export { inlineRefs, isLocalRef, MAX_DEPTH_KEYWORD, rebase, resolveRef } from './refs.js';
export {
  HTTP_METHODS,
  basePathOf,
  developmentCredentialsOf,
  examplesOf,
  isOpen,
  jsonContent,
  operationsOf,
  parameterExample,
  parametersOf,
  pathPattern,
  readOnlyPropertyNames,
  requestBodySchemaOf,
  responseOf,
  securityRequirementsOf,
  securitySchemesOf,
  type HttpMethod,
  type OperationLocation,
} from './operations.js';
export { methodOf, namespaceOf, resourceNounOf } from './naming.js';
export { bodyLimitOf, errorCatalogueOf, type ErrorCatalogueEntry } from './errors.js';
export { OPERATION_ERROR_EXAMPLES, withErrorExamples } from './error-examples.js';
export { describeContract, type ContractDescription, type OperationDescription } from './operation-table.js';
export { exampleRequest, type ExampleRequest } from './example-request.js';
export { schemaExample } from './schema-example.js';
export { credentialQueryParametersOf, redactCredentialsInUrl } from './credential-urls.js';
