// Generates the TypeScript side of the contract from the bundled document:
//   src/generated/schema.ts      openapi-typescript's `paths`, `components`, `operations`
//   src/generated/operations.ts  the operation table, the error catalogue, the body limit
// Both the client and the server stubs import these from @astral/openapi; nothing
// downstream hand-writes a type, a route table or an error code's status.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { register } from 'tsx/esm/api';
import openapiTS, { astToString } from 'openapi-typescript';
import { bundledJson, generatedDir } from './paths.mjs';

// The contract reader is TypeScript (src/reader/); tsx runs it before it is compiled.
register();
const { describeContract } = await import('../src/reader/index.ts');

const header = (what) => `/**
 * GENERATED FILE: DO NOT EDIT.
 * ${what}
 * Source: openapi/ (the hand-written contract), bundled to packages/openapi/dist/contract/openapi.json.
 * Regenerate with \`npx turbo run generate\`; change the contract, never this file.
 */
`;

const document = JSON.parse(await readFile(bundledJson, 'utf8'));
const ast = await openapiTS(document, { alphabetize: false, rootTypes: false });
const described = describeContract(document);
const literal = (value) => JSON.stringify(value, null, 2);

await mkdir(generatedDir, { recursive: true });
await Promise.all([
  writeFile(
    new URL('schema.ts', `file://${generatedDir}`),
    `${header('TypeScript types of the Astral API, by openapi-typescript.')}\n${astToString(ast)}`,
  ),
  writeFile(
    new URL('operations.ts', `file://${generatedDir}`),
    `${header('The operation table of the Astral API (one entry per operationId), its error catalogue and limits.')}
/** The path prefix every server of the contract shares (from \`servers[].url\`). */
export const basePath = ${JSON.stringify(described.basePath)} as const;

/** Every operation of the contract by operationId, in contract order. */
export const operationTable = ${literal(described.operations)} as const;

/** Every \`details.code\` with its status and default message (ErrorCode's \`x-astral-errors\`). */
export const errorCatalogue = ${literal(described.errors)} as const;

/** The largest request body the API accepts, in bytes (the 413 response's \`x-astral-body-limit-bytes\`). */
export const requestBodyLimitBytes = ${described.bodyLimitBytes};

/** Every response header the operations document (what browser code may read: CORS \`Access-Control-Expose-Headers\`). */
export const responseHeaderNames = ${JSON.stringify(described.responseHeaders)} as const;
`,
  ),
]);
console.log(`generated types and the table of ${Object.keys(described.operations).length} operations into src/generated/`);
