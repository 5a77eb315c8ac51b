#!/usr/bin/env node
// `npm run new:resource -- "<Name>" [--plural <plural>]` at the repository's root.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { GenerateError, generateResource } from './generate.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const usage = 'Usage: npm run new:resource -- "<Name>" [--plural <plural>]   (a singular name: "Shoe", "Race Result")';

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { plural: { type: 'string' }, root: { type: 'string' } } });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const { positionals, values } = parsed;
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}

try {
  const { names, written, edited } = await generateResource({ root: values.root ?? root, name: positionals[0], plural: values.plural });
  console.log(`Added the ${names.tag} resource (/${names.kebabPlural}, ids ${names.idPrefix}_...).`);
  console.log(`Written:\n${written.map((file) => `  ${file}`).join('\n')}`);
  console.log(`Edited:\n${edited.map((file) => `  ${file}`).join('\n')}`);
  console.log(
    `Next: give it its real fields (contract schemas, then the migration, storage and test), then\n  npx turbo run build --filter=@astral/api... && (cd apps/api && npx vitest run test/${names.kebabPlural}.test.ts)`,
  );
} catch (error) {
  if (!(error instanceof GenerateError)) throw error;
  console.error(error.message);
  process.exit(1);
}
