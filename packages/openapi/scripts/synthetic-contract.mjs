// Generates a synthetic contract N times the size of the real one, in the real one's
// style: the Races paths and their schemas, parameters and examples are cloned under new
// resource names (`races` → `item7s`, `Race` → `Item7`), so every clone passes the same
// house rules and exercises the same tools the same way the real contract does. The scale
// benchmark and @astral/server's type tests over a larger contract both run it:
//   node scripts/synthetic-contract.mjs <target folder> <copies>
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { contractEntry } from './paths.mjs';

/** Files that belong to the Races resource and are cloned per synthetic resource. */
const RESOURCE_FILE = /^(Race|races)/;

function renameResource(text, index) {
  return text
    .replaceAll('Races', `Item${index}s`)
    .replaceAll('races', `item${index}s`)
    .replaceAll('Race', `Item${index}`)
    .replaceAll('race_', `item${index}_`)
    .replaceAll('race', `item${index}`);
}

/**
 * Copies the contract folder `source` to `target` and adds `copies` clones of the Races
 * resource; returns the copy's entry (`openapi.yaml`).
 * @example
 * const entry = await writeSyntheticContract('/work/main/openapi', '/tmp/x10', 11);
 */
export async function writeSyntheticContract(source, target, copies) {
  await mkdir(target, { recursive: true });
  await cp(source, target, { recursive: true });
  const folders = ['paths', 'components/schemas', 'components/parameters'];
  for (const folder of folders) {
    const files = (await readdir(join(source, folder))).filter((name) => RESOURCE_FILE.test(name));
    for (const file of files) {
      const text = await readFile(join(source, folder, file), 'utf8');
      for (let index = 1; index <= copies; index++) {
        await writeFile(join(target, folder, renameResource(file, index)), renameResource(text, index));
      }
    }
  }
  const root = parse(await readFile(join(source, 'openapi.yaml'), 'utf8'));
  for (let index = 1; index <= copies; index++) {
    root.tags.push({ name: `Item${index}s`, description: `Synthetic resource ${index}, cloned from Races.` });
    for (const [path, item] of Object.entries(root.paths)) {
      if (!path.startsWith('/races')) continue;
      root.paths[renameResource(path, index)] = { $ref: renameResource(item.$ref, index) };
    }
  }
  const entry = join(target, 'openapi.yaml');
  await writeFile(entry, stringify(root, { lineWidth: 0 }));
  return entry;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [target, copies] = process.argv.slice(2);
  if (!target || !/^\d+$/.test(copies ?? '')) {
    console.error('usage: node scripts/synthetic-contract.mjs <target folder> <copies>');
    process.exit(2);
  }
  const entry = await writeSyntheticContract(dirname(contractEntry), resolve(target), Number(copies));
  console.log(`wrote a contract with ${copies} clones of Races to ${entry}`);
}
