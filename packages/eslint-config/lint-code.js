#!/usr/bin/env node
// `lint:code`: TypeScript's type check and ESLint, in one pass, over the whole repository.
//
// Type-aware ESLint builds the same TypeScript program `tsc --noEmit -p tsconfig.json` builds
// and asks its checker about most expressions; run one after the other, the program was
// built and checked twice. Here each tsconfig.json becomes one program, its diagnostics are
// the type check, and ESLint takes the already-checked programs (`parserOptions.programs`)
// for its type information instead of building them again.
//
// One process lints every workspace, one after another (./programs.js shares the
// declaration files their programs have in common, and the JIT warms up once): a process per
// workspace spent 218 s of CPU on what this one does in about 80.
//
// Usage: `astral-lint-code [--fix] [folder...]`. At the repository root it lints the root's
// own files and every workspace, or only the workspace folders named; in a workspace, that
// workspace. Fails on any type error, any import cycle among a workspace's own files (type
// imports included: ./import-cycles.js), any ESLint error and any warning (as
// `eslint --max-warnings 0`).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { importCycles } from './import-cycles.js';
import { configFiles, ignoredPaths, lintedFiles } from './index.js';
import { checkedProgram, tsconfigsUnder } from './programs.js';
import { unlistedBuilds, workspaceFolders } from './workspaces.js';

const fix = process.argv.includes('--fix');
const named = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const cwd = process.cwd();
const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
const skipped = new Set(ignoredPaths.map((path) => path.replace(/^\*\*\//, '').replace(/\/$/, '')));
const workspaces = manifest.workspaces ? workspaceFolders(cwd, manifest.workspaces) : [];

/** The folders to lint: this workspace; or at the root, the root and every workspace (or those named). */
function targets() {
  if (named.length > 0) {
    const folders = named.map((folder) => resolve(cwd, folder));
    const unknown = folders.filter((folder) => folder !== cwd && !workspaces.includes(folder));
    if (unknown.length > 0) throw new Error(`not a workspace of ${cwd}: ${unknown.join(', ')}`);
    return folders;
  }
  return [cwd, ...workspaces.filter((folder) => existsSync(join(folder, 'eslint.config.js')))];
}

const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => cwd, getNewLine: () => '\n' };
const formatDiagnostics = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;

/** Type-checks and lints one folder; returns its problem counts. */
async function lintFolder(folder) {
  // At the root, each workspace folder is linted as a workspace of its own (its own config).
  const checked = tsconfigsUnder(folder, { skipped, excluded: folder === cwd ? workspaces : [] }).map(checkedProgram);
  const diagnostics = checked.flatMap((entry) => entry.diagnostics);
  const programs = checked.flatMap((entry) => (entry.program ? [entry.program] : []));
  if (diagnostics.length > 0) process.stdout.write(formatDiagnostics(diagnostics, host) + '\n');
  // import-x/no-cycle (in the ESLint config) follows value imports only; this counts type imports too.
  const cycles = importCycles(programs);
  for (const { files, loop } of cycles) {
    const path = (file) => relative(cwd, file);
    process.stdout.write(`import cycle of ${files.length} file(s), type imports included: ${loop.map(path).join(' -> ')}\n`);
  }

  const eslint = new ESLint({
    cwd: folder,
    fix,
    // Config files are linted without type information (no tsconfig includes them); every other
    // file takes its types from the program that includes it.
    overrideConfig: [{ files: lintedFiles, ignores: configFiles, languageOptions: { parserOptions: { projectService: false, programs } } }],
  });
  const results = await eslint.lintFiles(['.']);
  if (fix) await ESLint.outputFixes(results);
  const report = await (await eslint.loadFormatter('stylish')).format(results);
  if (report) process.stdout.write(report);

  const counts = {
    typeErrors: diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error).length,
    cycles: cycles.length,
    errors: results.reduce((sum, result) => sum + result.errorCount, 0),
    warnings: results.reduce((sum, result) => sum + result.warningCount, 0),
  };
  const where = relative(cwd, folder) || manifest.name;
  if (counts.typeErrors + counts.cycles + counts.errors + counts.warnings > 0) {
    console.error(
      `${where}: ${counts.typeErrors} type error(s), ${counts.cycles} import cycle(s), ${counts.errors} lint error(s), ${counts.warnings} warning(s)`,
    );
  } else {
    console.log(`${where}: ${programs.length} program(s) type-checked, ${results.length} file(s) linted, no problems`);
  }
  return counts;
}

let failed = false;
const unlisted = workspaces.length > 0 ? unlistedBuilds(cwd, workspaces) : [];
if (unlisted.length > 0) {
  console.error(`turbo.json: add ${unlisted.map((name) => `"${name}#build"`).join(', ')} to the dependsOn of "//#lint:code"`);
  failed = true;
}
for (const folder of targets()) {
  const { typeErrors, cycles, errors, warnings } = await lintFolder(folder);
  if (typeErrors + cycles + errors + warnings > 0) failed = true;
}
if (failed) process.exitCode = 1;
