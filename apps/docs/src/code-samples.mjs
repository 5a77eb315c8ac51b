// Request samples for every operation, generated from the contract: the curl line and the
// `@astral/client` call are both built from the operation table (method, path, the client
// call's name, parameters) and the contract's own examples, so a new operation or example
// shows up in the docs without anyone writing a sample by hand.
import { describeContract, exampleRequest } from '@astral/openapi/reader';

/**
 * The `x-codeSamples` of one operation: curl, then `@astral/client` TypeScript.
 *
 * @example
 * codeSamples(document, 'getRace', entry, { pathItem, operation }, 'https://app.nexrex.ai/api/v1');
 * // [{ lang: 'curl', label: 'curl', source: "curl 'https://…/races/race_xyz456' …" }, { lang: 'TypeScript', … }]
 */
export function codeSamples(document, operationId, entry, location, baseUrl) {
  const { pathValues, query, body, contentType } = exampleRequest(document, location);
  // A file sent as itself (a device-file import) is shown as a file, not its example's text.
  const file = contentType === undefined ? undefined : { contentType, name: `activity.${contentType.includes('gpx') ? 'gpx' : 'fit'}` };
  return [
    { lang: 'curl', label: 'curl', source: curlSample(entry, baseUrl, pathValues, query, body, file) },
    { lang: 'TypeScript', label: '@astral/client', source: clientSample(operationId, entry, baseUrl, pathValues, query, body, file) },
  ];
}

function curlSample(entry, baseUrl, pathValues, query, body, file) {
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(pathValues[name])));
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
  const lines = [
    `curl${entry.method === 'get' ? '' : ` -X ${entry.method.toUpperCase()}`} '${url}'`,
    `-H "Authorization: Bearer $ASTRAL_TOKEN"`,
  ];
  if (file) {
    lines.push(`-H 'Content-Type: ${file.contentType}'`, `--data-binary @${file.name}`);
  } else if (body !== undefined) {
    lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`-d '${JSON.stringify(body, null, 2).replaceAll("'", "'\\''")}'`);
  }
  return lines.join(' \\\n  ');
}

function clientSample(operationId, entry, baseUrl, pathValues, query, body, file) {
  const { namespace, method } = entry.client;
  const args = entry.pathParams.map((name) => tsLiteral(pathValues[name], 0));
  if (Object.keys(query).length > 0) args.push(tsLiteral(query, 0));
  if (file) args.push(`{ data: await readFile('${file.name}'), type: '${file.contentType}' }`);
  else if (body !== undefined) args.push(tsLiteral(body, 0));
  return [
    ...(file ? [`import { readFile } from 'node:fs/promises';`] : []),
    `import { createAstralClient } from '@astral/client';`,
    '',
    'const client = createAstralClient({',
    `  baseUrl: ${tsLiteral(baseUrl, 1)},`,
    '  token: process.env.ASTRAL_TOKEN,',
    '});',
    '',
    `const result = await client.${namespace}.${method}(${args.join(', ')});`,
  ].join('\n');
}

/** A TypeScript literal in house style: single quotes, unquoted keys where possible. */
function tsLiteral(value, depth) {
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map((item) => tsLiteral(item, depth)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inline = `{ ${entries.map(([k, v]) => `${key(k)}: ${tsLiteral(v, depth)}`).join(', ')} }`;
    if (inline.length <= 60 && !inline.includes('\n')) return inline;
    return `{\n${entries.map(([k, v]) => `${pad}${key(k)}: ${tsLiteral(v, depth + 1)},`).join('\n')}\n${close}}`;
  }
  return String(value);
}

const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/**
 * Adds `x-codeSamples` to every operation of a copy of the document and returns the copy.
 *
 * @example
 * const decorated = withCodeSamples(structuredClone(contract));
 */
export function withCodeSamples(document) {
  const copy = structuredClone(document);
  const { operations: table } = describeContract(copy);
  const baseUrl = copy.servers?.[0]?.url ?? '';
  for (const [operationId, entry] of Object.entries(table)) {
    const pathItem = copy.paths[entry.path];
    const operation = pathItem[entry.method];
    operation['x-codeSamples'] = codeSamples(copy, operationId, entry, { pathItem, operation }, baseUrl);
  }
  return copy;
}
