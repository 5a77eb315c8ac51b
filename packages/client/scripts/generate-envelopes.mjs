// Generates src/generated/envelopes.ts: for every enveloped operation, whether its success
// envelope carries `data` and nothing else besides `status`. The resource layer needs this
// at runtime to decide between resolving to `data` (get → the race) and to the envelope
// without `status` (list → { data, metadata }); the generated types make the same decision
// at compile time from `operations`. Reading the schema here, at build time, keeps the
// contract document out of the browser bundle.
import { mkdir, writeFile } from 'node:fs/promises';
import { operationTable } from '@astral/openapi';
import { contract } from '@astral/openapi/contract';

const target = new URL('../src/generated/envelopes.ts', import.meta.url);

/** Follows local `$ref`s (`#/components/...`) to the node they point at. */
function resolveRef(node) {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((parent, key) => parent?.[key], contract);
  }
  return current;
}

const dataOnly = [];
for (const [operationId, entry] of Object.entries(operationTable)) {
  if (!entry.envelope) continue;
  const operation = contract.paths[entry.path]?.[entry.method];
  const response = resolveRef(operation?.responses?.[String(entry.successStatus)]);
  const schema = resolveRef(response?.content?.['application/json']?.schema);
  const fields = Object.keys(schema?.properties ?? {}).filter((name) => name !== 'status');
  if (fields.length === 1 && fields[0] === 'data') dataOnly.push(operationId);
}

const source = `/**
 * GENERATED FILE: DO NOT EDIT.
 * The enveloped operations whose success body is \`{ status, data }\` and nothing else:
 * their resource calls resolve to \`data\` itself.
 * Source: the bundled contract (@astral/openapi/contract), by scripts/generate-envelopes.mjs.
 * Regenerate with \`npx turbo run generate\`; change the contract, never this file.
 */
import type { OperationId } from '@astral/openapi';

export const dataOnlyEnvelopes: ReadonlySet<OperationId> = new Set<OperationId>(${JSON.stringify(dataOnly)});
`;

await mkdir(new URL('.', target), { recursive: true });
await writeFile(target, source);
console.log(`envelopes: ${dataOnly.length} data-only of ${Object.keys(operationTable).length} operations`);
