// The bundled contract as the tests read it: built by `turbo run bundle` before they run.
import { readFileSync } from 'node:fs';

export const bundled = JSON.parse(
  readFileSync(new URL('../dist/contract/openapi.json', import.meta.url), 'utf8'),
);

/** Resolves a local `$ref` inside the bundled document. */
export function deref(node: any): any {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part: string) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((parent: any, key: string) => parent?.[key], bundled);
  }
  return current;
}
