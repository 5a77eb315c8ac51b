// Fastify lists its routes only as a printed tree; this reads it back.

/** Flattens Fastify's printRoutes tree into `METHOD /path` lines. */
export function routesOf(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)(?:├── |└── )(\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of match[3]?.split(',').map((m) => m.trim()) ?? []) routes.push(`${method} ${path}`);
  }
  return routes.sort();
}
