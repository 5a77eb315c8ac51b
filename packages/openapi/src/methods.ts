/**
 * Which methods a URL path has in the contract, for `405 Method Not Allowed` and its `Allow`
 * header: the server stubs and the mock answer a known path with a wrong method alike.
 */
import { basePath, operationTable } from './generated/operations.js';

function templateToRegExp(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

const routes = (() => {
  const byPath = new Map<string, Set<string>>();
  for (const { path, method } of Object.values(operationTable)) {
    const methods = byPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    byPath.set(path, methods);
  }
  return [...byPath].map(([path, methods]) => ({ pattern: templateToRegExp(basePath + path), methods: [...methods].sort() }));
})();

/**
 * The contract's methods for a request URL, or an empty list when no path matches.
 *
 * @example
 * ```ts
 * methodsAllowedFor('/api/v1/races?limit=5'); // ['GET', 'POST']
 * ```
 */
export function methodsAllowedFor(url: string): string[] {
  const path = url.split('?')[0] ?? '';
  return routes.find((route) => route.pattern.test(path))?.methods ?? [];
}
