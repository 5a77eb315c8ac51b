#!/usr/bin/env node
// `lint:code` of every workspace: TypeScript's type check and ESLint in one pass.
//
// Type-aware ESLint builds the same TypeScript program `tsc --noEmit -p tsconfig.json` builds
// and asks its checker about most expressions; run one after the other, the program was
// built and checked twice. Here each tsconfig.json of the workspace becomes one program, its
// diagnostics are the type check, and ESLint takes the already-checked programs
// (`parserOptions.programs`) for its type information instead of building them again.
//
// Usage, in a workspace: `astral-lint-code [--fix]`. Fails on any type error, any ESLint error
// and any warning (as `eslint --max-warnings 0`).
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { configFiles, ignoredPaths, lintedFiles } from './index.js';

// A low CPU priority: `npm test` runs this beside the builds and the suites, and it
// is never what they wait for, while the builds are the chain every suite waits for. Nice'd,
// it takes the CPU they leave idle instead of slowing that chain down.
setPriority(15);

const root = process.cwd();
const fix = process.argv.includes('--fix');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const skipped = new Set(ignoredPaths.map((path) => path.replace(/^\*\*\//, '').replace(/\/$/, '')));
// At the repository root, the workspace folders are each linted by their own lint:code.
const workspaceFolders = (manifest.workspaces ?? []).map((glob) => join(root, glob.replace(/\/\*+$/, '')));

/** Every tsconfig.json under `folder` (tsconfig.build.json compiles a subset of one of them). */
function tsconfigsUnder(folder) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name) && !entry.name.startsWith('.') && !workspaceFolders.includes(path)) found.push(...tsconfigsUnder(path));
    } else if (entry.isFile() && entry.name === 'tsconfig.json') found.push(path);
  }
  return found;
}

function programOf(tsconfig) {
  const { config, error } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (error) return { diagnostics: [error] };
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsconfig), undefined, tsconfig);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  return { program, diagnostics: [...parsed.errors, ...ts.getPreEmitDiagnostics(program)] };
}

const checked = tsconfigsUnder(root).map(programOf);
const diagnostics = checked.flatMap((entry) => entry.diagnostics);
const programs = checked.flatMap((entry) => (entry.program ? [entry.program] : []));

const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => '\n' };
if (diagnostics.length > 0) {
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stdout.write(format(diagnostics, host) + '\n');
}

const eslint = new ESLint({
  cwd: root,
  fix,
  // Config files are linted without type information (no tsconfig includes them); every other
  // file takes its types from the program that includes it.
  overrideConfig: [{ files: lintedFiles, ignores: configFiles, languageOptions: { parserOptions: { projectService: false, programs } } }],
});
const results = await eslint.lintFiles(['.']);
if (fix) await ESLint.outputFixes(results);
const report = await (await eslint.loadFormatter('stylish')).format(results);
if (report) process.stdout.write(report);

const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
const typeErrors = diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error).length;
const where = manifest.name ?? root;
if (typeErrors + errors + warnings > 0) {
  console.error(`${where}: ${typeErrors} type error(s), ${errors} lint error(s), ${warnings} warning(s)`);
  process.exitCode = 1;
} else {
  console.log(`${where}: ${programs.length} program(s) type-checked, ${results.length} file(s) linted, no problems`);
}
