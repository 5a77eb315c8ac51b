// Generates the TypeScript side of the contract from the bundled document:
//   src/generated/schema.ts      openapi-typescript's `paths`, `components`, `operations`
//   src/generated/operations.ts  the operation table (method, path, statuses, envelope...)
// Both the client and the server stubs import these from @astral/openapi; nothing
// downstream hand-writes a type or a route table.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { bundledJson, generatedDir } from './paths.mjs';
import { describeOperations } from './operation-table.mjs';

const header = (what) => `/**
 * GENERATED FILE: DO NOT EDIT.
 * ${what}
 * Source: openapi/ (the hand-written contract), bundled to packages/openapi/dist/contract/openapi.json.
 * Regenerate with \`npx turbo run generate\`; change the contract, never this file.
 */
`;

const document = JSON.parse(await readFile(bundledJson, 'utf8'));
const ast = await openapiTS(document, { alphabetize: false, rootTypes: false });
const table = describeOperations(document);

await mkdir(generatedDir, { recursive: true });
await Promise.all([
  writeFile(
    new URL('schema.ts', `file://${generatedDir}`),
    `${header('TypeScript types of the Astral API, by openapi-typescript.')}\n${astToString(ast)}`,
  ),
  writeFile(
    new URL('operations.ts', `file://${generatedDir}`),
    `${header('The operation table of the Astral API: one entry per operationId.')}
/** The path prefix every server of the contract shares (from \`servers[].url\`). */
export const basePath = ${JSON.stringify(table.basePath)} as const;

/** Every operation of the contract by operationId, in contract order. */
export const operationTable = ${JSON.stringify(table.operations, null, 2)} as const;
`,
  ),
]);
console.log(`generated types and the table of ${Object.keys(table.operations).length} operations into src/generated/`);
