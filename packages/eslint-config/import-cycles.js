// Import cycles through type imports too, for astral-lint-code.
//
// import-x/no-cycle follows value imports only (`import type` is erased, so at run time it is
// no cycle), yet a loop of type imports tangles the layers all the same: the 18-file cycle
// apps/api had, and those in packages/reliability and packages/server, each ran through a
// type import, and no-cycle reported none of them. Here every import and re-export of a
// workspace's own files counts, read from the TypeScript programs lint-code has already
// built, so it costs one module resolution per import and no parse.
import ts from 'typescript';

const isOwn = (file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/');

/** Each own file of `program` and the own files it imports (values and types, `export ... from` included). */
function importGraph(program) {
  const options = program.getCompilerOptions();
  const own = program.getSourceFiles().filter(isOwn);
  const names = new Set(own.map((file) => file.fileName));
  const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (name) => name, options);
  const graph = new Map();
  for (const file of own) {
    const imported = new Set();
    for (const statement of file.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const mode = ts.getModeForUsageLocation(file, specifier, options);
      const { resolvedModule } = ts.resolveModuleName(specifier.text, file.fileName, options, ts.sys, cache, undefined, mode);
      if (resolvedModule && names.has(resolvedModule.resolvedFileName)) imported.add(resolvedModule.resolvedFileName);
    }
    graph.set(file.fileName, imported);
  }
  return graph;
}

/** The strongly connected components of more than one file, or of a file importing itself (Tarjan). */
function tangles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (file) => {
    index.set(file, index.size);
    low.set(file, index.get(file));
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file)) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file), low.get(next)));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), index.get(next)));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file).has(file)) found.push(component);
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** One shortest loop from `start` back to itself inside `component` (breadth first). */
function loopThrough(graph, component, start) {
  const inside = new Set(component);
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of graph.get(file)) {
      if (next === start) {
        const loop = [start];
        for (let at = file; at !== start; at = previous.get(at)) loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (inside.has(next) && !previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * The import cycles among the programs' own files, each once (a workspace's programs may
 * share files): its files, and one loop through them to start reading at.
 *
 * @param {ts.Program[]} programs
 * @returns {{ files: string[], loop: string[] }[]}
 * @example
 * importCycles([program]); // [{ files: ['/repo/src/a.ts', '/repo/src/b.ts'], loop: ['/repo/src/a.ts', '/repo/src/b.ts', '/repo/src/a.ts'] }]
 */
export function importCycles(programs) {
  const cycles = new Map();
  for (const program of programs) {
    const graph = importGraph(program);
    for (const component of tangles(graph)) {
      const files = component.sort();
      const key = files.join('\n');
      if (!cycles.has(key)) cycles.set(key, { files, loop: loopThrough(graph, files, files[0]) });
    }
  }
  return [...cycles.values()];
}
