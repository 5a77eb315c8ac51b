// What changed in the contract since its last release, as a release level and changelog
// lines: breaking (refused under the same prefix), minor (additions, deprecations), patch
// (descriptions and examples only) or none. ARCHITECTURE.md, "Releases", explains the rules.
// Runs under tsx (bundle.mjs registers it) or vitest: the reader is TypeScript.
import { isDeepStrictEqual } from 'node:util';
import { operationsOf, parametersOf, resolveRef } from '../../src/reader/index.ts';
import { findBreakingChanges } from '../breaking-changes.mjs';

/** Keys that only document: a change confined to them is a patch. */
const DOCUMENTATION_KEYS = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'x-codeSamples', 'title']);

/** The document without its prose and examples (and without info.version, which a release sets). */
export function withoutDocumentation(node) {
  if (Array.isArray(node)) return node.map(withoutDocumentation);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!DOCUMENTATION_KEYS.has(key)) out[key] = withoutDocumentation(value);
  }
  return out;
}

const operationKey = (location) => `${location.method.toUpperCase()} ${location.path}`;
const operationMap = (document) => new Map(operationsOf(document).map((location) => [operationKey(location), location]));
const sunsetNote = (node) => (node['x-astral-sunset'] ? ` (sunset ${node['x-astral-sunset']})` : '');

/** The property names (or parameter names) that point at each component schema: they name its enum in the changelog. */
function referrers(document) {
  const names = new Map();
  const note = (ref, name) => {
    const schema = ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
    if (schema && !names.has(schema)) names.set(schema, name);
  };
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [name, property] of Object.entries(node.properties ?? {})) note(property?.$ref, name);
    if (node.in && node.name) note(node.schema?.$ref, node.name);
    Object.values(node).forEach(walk);
  };
  walk(document);
  return names;
}

/** Lines for the component schemas: new fields, new enum values, deprecated fields. */
function schemaChanges(before, after) {
  const lines = [];
  const [was, now] = [before.components?.schemas ?? {}, after.components?.schemas ?? {}];
  const named = referrers(after);
  for (const [name, schema] of Object.entries(now)) {
    const old = was[name];
    if (!old) continue;
    if (Array.isArray(schema.enum) && Array.isArray(old.enum)) {
      for (const value of schema.enum.filter((v) => !old.enum.includes(v)))
        lines.push({ kind: 'added', text: `\`${named.get(name) ?? name}\` gains \`${value}\`` });
    }
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      const previous = old.properties?.[field];
      if (!previous) {
        lines.push({ kind: 'added', text: `\`${name}\` gains the field \`${field}\`` });
        continue;
      }
      if (property.deprecated === true && previous.deprecated !== true)
        lines.push({ kind: 'deprecated', text: `Deprecated the field \`${name}.${field}\`${sunsetNote(property)}` });
      if (Array.isArray(property.enum) && Array.isArray(previous.enum)) {
        for (const value of property.enum.filter((v) => !previous.enum.includes(v)))
          lines.push({ kind: 'added', text: `\`${field}\` gains \`${value}\`` });
      }
    }
  }
  return lines;
}

/** Lines for the operations: new ones, new optional parameters, new responses, deprecations. */
function operationChanges(before, after) {
  const lines = [];
  const was = operationMap(before);
  for (const [key, location] of operationMap(after)) {
    const { operation } = location;
    const old = was.get(key);
    if (!old) {
      const summary = operation.summary ? `: ${operation.summary}` : '';
      lines.push({ kind: 'added', text: `Added \`${key}\` (\`${operation.operationId}\`)${summary}` });
      if (operation.deprecated === true) lines.push({ kind: 'deprecated', text: `Deprecated \`${key}\`${sunsetNote(operation)}` });
      continue;
    }
    if (operation.deprecated === true && old.operation.deprecated !== true)
      lines.push({ kind: 'deprecated', text: `Deprecated \`${key}\` (\`${operation.operationId}\`)${sunsetNote(operation)}` });
    const oldParameters = parametersOf(before, old);
    for (const parameter of parametersOf(after, location)) {
      if (!oldParameters.some((p) => p.name === parameter.name && p.in === parameter.in))
        lines.push({ kind: 'added', text: `\`${key}\` accepts the ${parameter.in} parameter \`${parameter.name}\`` });
    }
    for (const status of Object.keys(operation.responses ?? {})) {
      if (!old.operation.responses?.[status]) lines.push({ kind: 'added', text: `\`${key}\` may answer \`${status}\`` });
    }
  }
  return lines;
}

/** Where two documents differ once prose is ignored: operations and schemas by name, for a catch-all line. */
function changedPlaces(before, after) {
  const places = [];
  const [was, now] = [operationMap(before), operationMap(after)];
  for (const [key, location] of now) {
    const old = was.get(key);
    if (old && !isDeepStrictEqual(withoutDocumentation(old.operation), withoutDocumentation(location.operation))) places.push(key);
  }
  const [schemasBefore, schemasAfter] = [before.components?.schemas ?? {}, after.components?.schemas ?? {}];
  for (const [name, schema] of Object.entries(schemasAfter)) {
    if (schemasBefore[name] && !isDeepStrictEqual(withoutDocumentation(schemasBefore[name]), withoutDocumentation(schema)))
      places.push(name);
  }
  return places;
}

/** The operations and schemas whose descriptions or examples changed, for a patch's line. */
function documentedPlaces(before, after) {
  const places = [];
  if (!isDeepStrictEqual(before.info, after.info)) places.push('info');
  for (const tag of after.tags ?? []) {
    if (
      !isDeepStrictEqual(
        before.tags?.find((old) => old.name === tag.name),
        tag,
      )
    )
      places.push(`tag ${tag.name}`);
  }
  const [was, now] = [operationMap(before), operationMap(after)];
  for (const [key, location] of now) {
    const old = was.get(key);
    if (old && !isDeepStrictEqual(resolveRef(before, old.operation), resolveRef(after, location.operation))) places.push(key);
  }
  for (const [name, schema] of Object.entries(after.components?.schemas ?? {})) {
    const old = before.components?.schemas?.[name];
    if (old && !isDeepStrictEqual(old, schema)) places.push(name);
  }
  return places;
}

const comparable = (document) => ({ ...document, info: { ...document.info, version: undefined } });

/**
 * Compares the released contract with the current one.
 * @returns {{ level: 'none' | 'patch' | 'minor' | 'breaking', breaking: object[], lines: { kind: string, text: string }[] }}
 * @example
 * diffContracts(released, current) // { level: 'minor', lines: [{ kind: 'added', text: 'Added `GET /activities` …' }], breaking: [] }
 */
export function diffContracts(released, current) {
  const [before, after] = [comparable(released), comparable(current)];
  if (isDeepStrictEqual(before, after)) return { level: 'none', breaking: [], lines: [] };
  const breaking = findBreakingChanges(released, current);
  if (breaking.length > 0) return { level: 'breaking', breaking, lines: [] };
  if (isDeepStrictEqual(withoutDocumentation(before), withoutDocumentation(after))) {
    const places = documentedPlaces(before, after);
    const where = places.length > 0 ? ` of ${places.map((place) => `\`${place}\``).join(', ')}` : '';
    return { level: 'patch', breaking: [], lines: [{ kind: 'documentation', text: `Descriptions or examples${where} revised` }] };
  }
  const lines = [...operationChanges(before, after), ...schemaChanges(before, after)];
  const unique = [...new Map(lines.map((line) => [line.text, line])).values()];
  if (unique.length === 0) {
    const places = changedPlaces(before, after);
    const where = places.length > 0 ? `: ${places.map((place) => `\`${place}\``).join(', ')}` : '';
    unique.push({ kind: 'added', text: `Compatible changes${where}` });
  }
  return { level: 'minor', breaking: [], lines: unique };
}
