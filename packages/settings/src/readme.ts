/**
 * The variables a README documents in its configuration table, for the test that keeps
 * the table equal to the declaration.
 */

/**
 * The backticked names in the first column of the first table under `heading` (a row may
 * name several: `` `OIDC_ISSUER`, `OIDC_AUDIENCE` ``).
 *
 * @example
 * ```ts
 * documentedVariables(readFileSync('README.md', 'utf8'), '## Configuration'); // ['PORT', 'HOST', ...]
 * ```
 */
export function documentedVariables(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`no "${heading}" section`);
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const names: string[] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    const section = /^(#+) /.exec(line);
    if (section && section[1]!.length <= level) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.push(match[1]!);
  }
  return names;
}
