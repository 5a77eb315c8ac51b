// `npm run build -w @astral/docs` (turbo task `build`): the site for the bundled contract
// of @astral/openapi, into apps/docs/dist/.
import { fileURLToPath } from 'node:url';
import { contractJsonPath } from '@astral/openapi/contract';
import { buildDocs } from '../src/build.mjs';

const outDir = fileURLToPath(new URL('../dist/', import.meta.url));
const { htmlPath, bytes, ms } = await buildDocs({ contractPath: contractJsonPath, outDir });
console.log(`docs: ${htmlPath} (${Math.round(bytes / 1024)} KiB, self-contained) in ${ms} ms`);
