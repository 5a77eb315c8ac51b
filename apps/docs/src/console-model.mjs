// What the try-it console shows, derived from the bundled contract at build time: every
// operation with its parameters (prefilled from their examples), its example body and its
// security, and the development credentials the security schemes list. The page itself
// only renders this file, so a new operation or parameter needs no console code.
import {
  exampleRequest,
  operationsOf,
  parameterExample,
  parametersOf,
  resolveRef,
  securityRequirementsOf,
  securitySchemesOf,
  basePathOf,
  developmentCredentialsOf,
} from '@astral/openapi/reader';

/**
 * The console's model of a bundled document.
 *
 * @example
 * consoleModel(contract).operations.find((o) => o.operationId === 'getRace').parameters[0];
 * // { name: 'race_id', in: 'path', required: true, example: 'race_xyz456', ... }
 */
export function consoleModel(document) {
  const schemes = securitySchemesOf(document);
  return {
    title: document.info?.title ?? 'API',
    basePath: basePathOf(document),
    // The contract's own local servers (`x-internal`), used when the docs server names none.
    servers: (document.servers ?? [])
      .filter((server) => server['x-internal'])
      .map((server) => ({ name: String(server.description ?? server.url).split(' (')[0], url: server.url })),
    operations: operationsOf(document).map((location) => {
      const { operationId, method, path, operation } = location;
      const example = exampleRequest(document, location);
      return {
        operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? operationId,
        tag: operation.tags?.[0] ?? 'Other',
        parameters: parametersOf(document, location).map((parameter) => {
          const schema = resolveRef(document, parameter.schema) ?? {};
          const value = parameter.in === 'path' ? example.pathValues[parameter.name] : example.query[parameter.name];
          const sample = parameter.in === 'path' ? value : parameterExample(document, parameter);
          return {
            name: parameter.name,
            in: parameter.in,
            required: Boolean(parameter.required),
            description: firstParagraph(parameter.description),
            // Path values are filled (a URL needs them); query and header examples are offered as placeholders.
            value: value === undefined || String(value).startsWith('{') ? '' : String(value),
            placeholder: sample === undefined ? (schema.enum?.join(' | ') ?? schema.type ?? '') : String(sample),
            enum: schema.enum ?? null,
          };
        }),
        // A file sent as itself (a device-file import): its example's text, sent with its media type.
        body: !operation.requestBody ? null : example.contentType ? String(example.body) : JSON.stringify(example.body ?? {}, null, 2),
        contentType: example.contentType ?? 'application/json',
        // Each alternative: the schemes that must all be met (an empty one: anonymous).
        security: securityRequirementsOf(document, operation),
      };
    }),
    credentials: Object.entries(schemes).flatMap(([scheme, definition]) =>
      Object.entries(developmentCredentialsOf(definition)).map(([value, who]) => ({
        scheme,
        who,
        ...credentialHeader(definition, value),
      })),
    ),
  };
}

/** The header a credential travels in, as its scheme says. */
function credentialHeader(scheme, value) {
  if (scheme.type === 'apiKey' && scheme.in === 'header') return { header: scheme.name, value };
  if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
    return { header: 'Authorization', value: `Bearer ${value}` };
  throw new Error(`the console cannot send a credential of a ${scheme.type} scheme`);
}

/** The first paragraph, on one line. */
function firstParagraph(text) {
  return typeof text === 'string' ? (text.split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim() : '';
}

/**
 * A docs-only copy of the document whose overview and operations link to the console
 * (`try/`, `try/#getRace`): Redoc has no console of its own.
 *
 * @example
 * withConsoleLinks(contract).paths['/races'].get.description; // "...\n\n[Try it in the console](try/#listRaces)"
 */
export function withConsoleLinks(document) {
  const copy = structuredClone(document);
  copy.info.description = `**[Try any operation in the console](try/)** against the local mock or sandbox.\n\n${copy.info.description ?? ''}`;
  for (const { operationId, operation } of operationsOf(copy)) {
    operation.description = `${operation.description ?? ''}\n\n[Try it in the console](try/#${operationId})`.trimStart();
  }
  return copy;
}

/**
 * A docs-only copy of a development bundle whose security schemes name their development
 * credentials in their descriptions, so the page `npm start` serves shows them (the
 * published bundle has none, so its page shows none).
 *
 * @example
 * withDevelopmentCredentials(developmentContract).components.securitySchemes.apiKeyAuth.description;
 * // "...\n\nLocal development credentials (the mock, the sandbox, a local reference API): `dev-org-key` (an organization: Alpine Running Club)."
 */
export function withDevelopmentCredentials(document) {
  const copy = structuredClone(document);
  for (const scheme of Object.values(copy.components?.securitySchemes ?? {})) {
    const listed = Object.entries(developmentCredentialsOf(scheme));
    if (listed.length === 0) continue;
    const names = listed.map(([value, who]) => `\`${value}\` (${who})`).join(', ');
    scheme.description =
      `${scheme.description ?? ''}\n\nLocal development credentials (the mock, the sandbox, a local reference API): ${names}.`.trimStart();
  }
  return copy;
}
