// Bundles the split contract (openapi/) into one YAML and one JSON document that every
// consumer reads, with each operation's error examples derived (src/reader/error-examples.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { bundleContract } from './bundle.mjs';
import { bundleDir, bundledJson, bundledYaml, contractEntry, lintConfig } from './paths.mjs';

const document = await bundleContract(contractEntry, lintConfig);
await mkdir(bundleDir, { recursive: true });
await Promise.all([
  writeFile(bundledJson, `${JSON.stringify(document, null, 2)}\n`),
  writeFile(bundledYaml, stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })),
]);
console.log(`bundled ${Object.keys(document.paths).length} paths into dist/contract/openapi.{json,yaml}`);
