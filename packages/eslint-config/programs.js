// TypeScript programs for astral-lint-code: one per tsconfig.json, all built in one process
// with one cache of the declaration files they have in common.
//
// Every workspace's program reads the same 250 to 1,300 files from node_modules (Node's
// types, vitest, Fastify, Kysely...) and the built `dist/*.d.ts` of the workspaces it
// imports; parsing and binding them was most of a workspace's type check. Those files do not
// change while the lint runs, so each is parsed once and the SourceFile shared by every
// program that reads it, as TypeScript's language service shares them between projects
// (its DocumentRegistry). A workspace's own source is read fresh for its program.
import { readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import ts from 'typescript';

const shared = new Map();
const isShared = (fileName) => fileName.includes(`${sep}node_modules${sep}`) || fileName.includes(`${sep}dist${sep}`);

/** A compiler host whose declaration files come from (and go to) the shared cache. */
function sharingHost(options) {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (shouldCreateNewSourceFile || !isShared(fileName))
      return parse(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    // A file parses differently as ESM or CommonJS, and per language version: both are in the key.
    const settings =
      typeof languageVersionOrOptions === 'object'
        ? `${languageVersionOrOptions.languageVersion}:${languageVersionOrOptions.impliedNodeFormat}:${languageVersionOrOptions.jsDocParsingMode}`
        : String(languageVersionOrOptions);
    const key = `${settings}|${fileName}`;
    if (!shared.has(key)) shared.set(key, parse(fileName, languageVersionOrOptions, onError));
    return shared.get(key);
  };
  return host;
}

/**
 * Every tsconfig.json under `folder` (a tsconfig.build.json compiles a subset of one of
 * them), skipping `skipped` folder names, dot folders and the folders in `excluded`.
 */
export function tsconfigsUnder(folder, { skipped, excluded = [] }) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name) && !entry.name.startsWith('.') && !excluded.includes(path))
        found.push(...tsconfigsUnder(path, { skipped, excluded }));
    } else if (entry.isFile() && entry.name === 'tsconfig.json') found.push(path);
  }
  return found;
}

/** The program of one tsconfig.json and its diagnostics: the type check `tsc --noEmit -p` does. */
export function checkedProgram(tsconfig) {
  const { config, error } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (error) return { diagnostics: [error] };
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsconfig), undefined, tsconfig);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    host: sharingHost(parsed.options),
  });
  return { program, diagnostics: [...parsed.errors, ...ts.getPreEmitDiagnostics(program)] };
}
