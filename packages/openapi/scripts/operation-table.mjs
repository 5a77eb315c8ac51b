// Derives the operation table from any bundled OpenAPI document: what routing, the
// client's resource calls and the coverage gate need to know about each operation, and
// nothing else. Exported as `@astral/openapi/operation-table` for tools that work on
// other bundles (the docs build).
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Resolves a local `$ref` (`#/components/...`) against the document. */
export function resolveRef(document, node) {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((parent, key) => parent?.[key], document);
  }
  return current;
}

/** A 2xx JSON body is enveloped when its schema carries `status: "ok"` (SuccessStatus). */
function usesEnvelope(document, response) {
  const schema = resolveRef(document, response?.content?.['application/json']?.schema);
  const status = resolveRef(document, schema?.properties?.status);
  return status?.const === 'ok';
}

/** The top-level fields of the success body (`["status", "data", "metadata"]`), in contract order. */
function successFields(document, response) {
  const schema = resolveRef(document, response?.content?.['application/json']?.schema);
  return Object.keys(schema?.properties ?? {});
}

/** The common path of every server URL, e.g. `/api/v1`. */
function serverBasePath(document) {
  const prefixes = (document.servers ?? []).map((server) => new URL(server.url).pathname.replace(/\/$/, ''));
  const unique = [...new Set(prefixes)];
  if (unique.length > 1) throw new Error(`servers disagree on the base path: ${unique.join(', ')}`);
  return unique[0] ?? '';
}

/**
 * Defaults of query parameters: the schema's `default`, or the contract's
 * `x-astral-default` where the default depends on other parameters (see below).
 */
function queryDefaults(document, query) {
  const defaults = {};
  for (const parameter of query) {
    const fromSchema = resolveRef(document, parameter.schema)?.default;
    const value = parameter['x-astral-default'] ?? fromSchema;
    if (value !== undefined) defaults[parameter.name] = value;
  }
  return defaults;
}

/**
 * `x-astral-default-when: { upcoming: 10, search: 20 }` on `limit`: when `limit` is absent
 * and one of the named parameters is given (a boolean one as `true`), the smallest
 * matching value replaces `x-astral-default`.
 */
function contextualDefaults(query) {
  const contextual = {};
  for (const parameter of query) {
    if (parameter['x-astral-default-when']) contextual[parameter.name] = parameter['x-astral-default-when'];
  }
  return contextual;
}

export function describeOperations(document) {
  const operations = {};
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
        resolveRef(document, p),
      );
      const statuses = Object.keys(operation.responses ?? {}).map(Number);
      const success = statuses.filter((status) => status >= 200 && status < 300);
      const security = operation.security ?? document.security ?? [];
      const query = parameters.filter((p) => p.in === 'query');
      operations[operation.operationId] = {
        method,
        path,
        tag: operation.tags?.[0] ?? null,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: query.map((p) => p.name),
        queryDefaults: queryDefaults(document, query),
        contextualDefaults: contextualDefaults(query),
        hasBody: Boolean(operation.requestBody),
        statuses,
        successStatus: success[0] ?? null,
        envelope: success.every((status) => usesEnvelope(document, resolveRef(document, operation.responses[status]))),
        successFields: successFields(document, resolveRef(document, operation.responses[success[0]])),
        security: security.flatMap((requirement) => Object.keys(requirement)),
      };
    }
  }
  return { basePath: serverBasePath(document), operations };
}
