/**
 * Every operation of a document with what the handlers need to answer it, read with the
 * repository's one reader: where it sits (for examples and schemas) and its row of the
 * operation table (method, path, statuses, success status, body), so a new operation in the
 * contract is served with nothing written here.
 */
import { describeContract, operationsOf, type OpenApiDocument, type OperationDescription } from '@astral/openapi/reader';

/** Where an operation sits in its document. */
export type OperationLocation = ReturnType<typeof operationsOf>[number];

/** One operation, located and described. */
export interface ServedOperation {
  location: OperationLocation;
  facts: OperationDescription;
}

/** What the handlers serve: the operations in contract order, the base path, the body limit. */
export interface ServedContract {
  basePath: string;
  bodyLimitBytes: number;
  operations: ServedOperation[];
}

/** Reads a document once for the handlers. */
export function servedContract(document: OpenApiDocument): ServedContract {
  const description = describeContract(document);
  return {
    basePath: description.basePath,
    bodyLimitBytes: description.bodyLimitBytes,
    operations: operationsOf(document).map((location) => ({ location, facts: description.operations[location.operationId]! })),
  };
}
