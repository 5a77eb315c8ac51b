// `npm run build -w @astral/docs` (turbo task `build`): two sites from @astral/openapi's two
// bundles, into apps/docs/dist/: `published/` (the published bundle: the site to publish, no
// development credentials, no console) and `development/` (the development bundle: the
// try-it console and the development credentials; what `npm run docs` and `npm start` serve).
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { contractJsonPath, developmentContractJsonPath } from '@astral/openapi/contract';
import { buildDocs } from '../src/build.mjs';

const sites = [
  { name: 'published', contractPath: contractJsonPath, development: false },
  { name: 'development', contractPath: developmentContractJsonPath, development: true },
];
// A fresh dist/: nothing of an earlier layout (a single site at dist/) is left to be served.
await rm(fileURLToPath(new URL('../dist/', import.meta.url)), { recursive: true, force: true });
for (const { name, contractPath, development } of sites) {
  const outDir = fileURLToPath(new URL(`../dist/${name}/`, import.meta.url));
  const { htmlPath, bytes, ms } = await buildDocs({ contractPath, outDir, development });
  console.log(`docs (${name}): ${htmlPath} (${Math.round(bytes / 1024)} KiB, self-contained) in ${ms} ms`);
}
