// Writes a new CRUD resource into a repository: the contract files, the apps/api resource
// folder, its migration, its registration and its test, from the templates (a resource named
// "Sample Item", modelled on races). Everything is computed and checked first; a name that is
// malformed or taken, or a file whose anchor moved, writes nothing.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resourceNames, substitute } from './names.mjs';

const TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));
const MIGRATIONS = 'apps/api/src/storage/migrations';
const RESOURCE_LIST = 'apps/api/src/resources/index.ts';
const CONTRACT_ENTRY = 'openapi/openapi.yaml';
const CONTRACT_SUITE = 'packages/contract-tests/test/contract.test.ts';

/** Why nothing was written: a malformed or taken name, or a repository the generator cannot read. */
export class GenerateError extends Error {
  name = 'GenerateError';
}

async function filesUnder(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

/** The next migration's number, from the files in `storage/migrations/` (`005-invitations.ts` → 6). */
async function nextMigration(root) {
  const numbers = (await readdir(join(root, MIGRATIONS)))
    .map((file) => /^(\d{3})-/.exec(file)?.[1])
    .filter(Boolean)
    .map(Number);
  if (numbers.length === 0) throw new GenerateError(`${MIGRATIONS} has no NNN-*.ts migration to follow`);
  return Math.max(...numbers) + 1;
}

/** Inserts `added` after the last line of the block that `header` opens (the lines indented below it). */
function appendToBlock(text, header, added, file) {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) throw new GenerateError(`${file}: no "${header}" line to add to`);
  let end = start + 1;
  while (end < lines.length && (lines[end].startsWith(' ') || lines[end] === '')) end++;
  while (lines[end - 1] === '') end--;
  lines.splice(end, 0, ...added);
  return lines.join('\n');
}

/** Inserts `line` after the last `import` statement that matches `after`. */
function addImport(text, line, after, file) {
  const lines = text.split('\n');
  const last = lines.findLastIndex((candidate) => candidate.startsWith('import ') && after.test(candidate));
  if (last < 0) throw new GenerateError(`${file}: no import to add "${line}" after`);
  lines.splice(last + 1, 0, line);
  return lines.join('\n');
}

/** Inserts `line` after the last line that matches `after`, indented as that line. */
function addLine(text, line, after, file) {
  const lines = text.split('\n');
  const last = lines.findLastIndex((candidate) => after.test(candidate));
  if (last < 0) throw new GenerateError(`${file}: no line to add "${line}" after`);
  lines.splice(last + 1, 0, /^\s*/.exec(lines[last])[0] + line);
  return lines.join('\n');
}

/** Adds `entry` to the array literal `declaration = [...]` (before `before` when it is there). */
function addToArray(text, declaration, entry, file, before) {
  const at = text.indexOf(declaration);
  const close = at < 0 ? -1 : text.indexOf(']', at + declaration.length);
  if (close < 0) throw new GenerateError(`${file}: no "${declaration} [...]" to register the resource in`);
  const list = text.slice(at + declaration.length, close);
  // A list Prettier wrapped ends in a comma: the entry goes after it, not after a second one.
  const updated =
    before && list.includes(before) ? list.replace(before, `${entry}, ${before}`) : `${list.trimEnd().replace(/,$/, '')}, ${entry}`;
  return text.slice(0, at + declaration.length) + updated + text.slice(close);
}

/** Every way the name could already be taken in `root`, as sentences. */
async function takenBy(root, names, targets) {
  const problems = [];
  const existing = targets.filter((target) => existsSync(join(root, target)));
  if (existing.length > 0) problems.push(`${existing.length} of its files exist (${existing[0]}${existing.length > 1 ? ', ...' : ''})`);
  const contract = await readFile(join(root, CONTRACT_ENTRY), 'utf8');
  if (new RegExp(`^  - name: ${names.tag}$`, 'm').test(contract)) problems.push(`the contract has a tag "${names.tag}"`);
  if (contract.includes(`\n  /${names.kebabPlural}:`)) problems.push(`the contract has a path /${names.kebabPlural}`);
  const idPattern = new RegExp(`[\\^(|]${names.idPrefix}[_|)]`);
  for (const file of await filesUnder(join(root, 'openapi'))) {
    if (!idPattern.test(await readFile(file, 'utf8'))) continue;
    problems.push(`ids "${names.idPrefix}_..." are in use (${relative(root, file)})`);
    break;
  }
  for (const file of await filesUnder(join(root, MIGRATIONS))) {
    if ((await readFile(file, 'utf8')).includes(`createTable('${names.snakePlural}')`)) {
      problems.push(`a table ${names.snakePlural} exists (${relative(root, file)})`);
    }
  }
  if ((await readFile(join(root, RESOURCE_LIST), 'utf8')).match(new RegExp(`\\b${names.camelPlural}\\b`))) {
    problems.push(`${RESOURCE_LIST} already names ${names.camelPlural}`);
  }
  return problems;
}

/** Formats TypeScript as `npm run format:check` expects (the repository's Prettier and its settings). */
async function formatted(root, path, text) {
  if (!path.endsWith('.ts')) return text;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(join(root, path))) ?? {};
  return prettier.format(text, { ...options, filepath: join(root, path) });
}

/**
 * Writes the resource `name` into the repository at `root`; returns the files written and
 * edited (repository-relative). Throws a `GenerateError`, having written nothing, when the
 * name is malformed or taken.
 *
 * @example
 * const { written, edited } = await generateResource({ root: process.cwd(), name: 'Shoe' });
 */
export async function generateResource({ root, name, plural }) {
  const { names, error } = resourceNames(name, { plural });
  if (error) throw new GenerateError(error);
  const migration = await nextMigration(root);
  const number = String(migration).padStart(3, '0');

  const files = new Map();
  for (const template of await filesUnder(TEMPLATES)) {
    const target = substitute(relative(TEMPLATES, template), names).replace('NNN-', `${number}-`);
    let text = substitute(await readFile(template, 'utf8'), names);
    if (target.startsWith(MIGRATIONS))
      text = text.replace('Version NNN', `Version ${migration}`).replace('version: 0,', `version: ${migration},`);
    files.set(target, text);
  }
  const problems = await takenBy(root, names, [...files.keys(), `apps/api/src/resources/${names.camelPlural}`]);
  if (problems.length > 0) throw new GenerateError(`"${name}" is taken: ${problems.join('; ')}. Nothing was written.`);

  const edits = new Map();
  const read = (path) => readFile(join(root, path), 'utf8');
  edits.set(
    CONTRACT_ENTRY,
    appendToBlock(
      appendToBlock(
        await read(CONTRACT_ENTRY),
        'tags:',
        [`  - name: ${names.tag}`, `    description: Create, list, read, change and delete ${names.lowerPlural}.`],
        CONTRACT_ENTRY,
      ),
      'paths:',
      [
        `  /${names.kebabPlural}:`,
        `    $ref: paths/${names.kebabPlural}.yaml`,
        `  /${names.kebabPlural}/{${names.snake}_id}:`,
        `    $ref: paths/${names.kebabPlural}_{${names.snake}_id}.yaml`,
      ],
      CONTRACT_ENTRY,
    ),
  );
  const moduleImport = `import { ${names.camelPlural} } from './${names.camelPlural}/index.js';`;
  edits.set(
    RESOURCE_LIST,
    addToArray(
      addImport(await read(RESOURCE_LIST), moduleImport, /from '\.\/[^']+\/index\.js';$/, RESOURCE_LIST),
      'export const resourceModules = [',
      names.camelPlural,
      RESOURCE_LIST,
      '...sharedStorageModules',
    ),
  );
  const migrationIndex = `${MIGRATIONS}/index.ts`;
  edits.set(
    migrationIndex,
    addToArray(
      addImport(
        await read(migrationIndex),
        `import { ${names.camelPlural}Table } from './${number}-${names.kebabPlural}.js';`,
        /from '\.\/\d{3}-[^']+\.js';$/,
        migrationIndex,
      ),
      'export const migrations: readonly Migration[] = [',
      `${names.camelPlural}Table`,
      migrationIndex,
    ),
  );

  // The contract tests' coverage gate wants every status the server answers exercised: the
  // generated suite runs beside the others, in the one file whose gate sees them all.
  const suite = `${names.camelPlural}AgainstContract`;
  edits.set(
    CONTRACT_SUITE,
    addLine(
      addImport(
        await read(CONTRACT_SUITE),
        `import { ${suite} } from './${names.kebabPlural}-vs-contract.js';`,
        /-vs-contract\.js';$/,
        CONTRACT_SUITE,
      ),
      `${suite}(recorder);`,
      /^\s*[a-z][A-Za-z]*AgainstContract\(recorder\);$/,
      CONTRACT_SUITE,
    ),
  );

  // Everything is known and checked: only now does anything touch the disk.
  const output = new Map([...files, ...edits]);
  for (const [path, text] of output) output.set(path, await formatted(root, path, text));
  for (const [path, text] of output) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return { names, written: [...files.keys()].sort(), edited: [...edits.keys()] };
}
