// Bundles the split contract (openapi/) twice, as redocly.yaml's two APIs, each into one
// YAML and one JSON document, with each operation's error examples derived
// (src/reader/error-examples.ts): `published` (dist/contract/, no `x-internal` parts) and
// `development` (dist/contract/development/, with the local servers and development credentials).
import { mkdir, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { bundleContract } from './bundle.mjs';
import {
  bundleDir,
  bundledJson,
  bundledYaml,
  contractEntry,
  developmentBundleDir,
  developmentJson,
  developmentYaml,
  lintConfig,
} from './paths.mjs';

const bundles = [
  { api: 'published', dir: bundleDir, json: bundledJson, yaml: bundledYaml },
  { api: 'development', dir: developmentBundleDir, json: developmentJson, yaml: developmentYaml },
];
for (const { api, dir, json, yaml } of bundles) {
  const document = await bundleContract(contractEntry, lintConfig, api);
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeFile(json, `${JSON.stringify(document, null, 2)}\n`),
    writeFile(yaml, stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })),
  ]);
  console.log(`bundled ${Object.keys(document.paths).length} paths (${api}) into ${json.replace(/\.json$/, '.{json,yaml}')}`);
}
