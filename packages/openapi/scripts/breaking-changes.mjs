// What breaks a client, decided by comparing two bundled contracts. The rules are the
// ones openapi/README.md writes down ("Breaking changes"); each finding names its rule.
// Runs under tsx (check-breaking.mjs registers it) or vitest: the reader is TypeScript.
import { operationsOf as walkOperations, parametersOf, resolveRef } from '../src/reader/index.ts';

function operationsOf(document) {
  const operations = new Map();
  for (const location of walkOperations(document)) {
    operations.set(`${location.method.toUpperCase()} ${location.path}`, {
      operation: location.operation,
      parameters: parametersOf(document, location),
    });
  }
  return operations;
}

const typesOf = (schema) => new Set([schema?.type ?? []].flat());

/** Walks a request schema: what the server accepts must not narrow. */
function compareRequestSchema(before, after, where, out, docs) {
  const [b, a] = [resolveRef(docs.before, before), resolveRef(docs.after, after)];
  if (!b || !a) return;
  for (const type of typesOf(b)) {
    if (typesOf(a).size && !typesOf(a).has(type) && !(type === 'integer' && typesOf(a).has('number'))) {
      out.push({ rule: 'request-type-narrowed', where, message: `no longer accepts type ${type}` });
    }
  }
  if (b.enum && a.enum) {
    for (const value of b.enum.filter((v) => !a.enum.includes(v))) {
      out.push({ rule: 'request-enum-value-removed', where, message: `no longer accepts ${JSON.stringify(value)}` });
    }
  }
  for (const [key, narrower] of [
    ['maxLength', (x, y) => y < x],
    ['maximum', (x, y) => y < x],
    ['maxItems', (x, y) => y < x],
    ['minLength', (x, y) => y > x],
    ['minimum', (x, y) => y > x],
    ['minItems', (x, y) => y > x],
  ]) {
    const [x, y] = [b[key], a[key]];
    if ((x === undefined && y !== undefined) || (x !== undefined && y !== undefined && narrower(x, y))) {
      out.push({ rule: 'request-constraint-narrowed', where, message: `${key} ${x ?? 'unset'} → ${y}` });
    }
  }
  if (a.pattern !== undefined && a.pattern !== b.pattern) {
    out.push({ rule: 'request-constraint-narrowed', where, message: `pattern ${b.pattern ?? 'unset'} → ${a.pattern}` });
  }
  const required = new Set(b.required ?? []);
  for (const name of a.required ?? []) {
    if (!required.has(name))
      out.push({ rule: 'request-field-now-required', where: `${where}.${name}`, message: 'a new required request field' });
  }
  for (const [name, schema] of Object.entries(b.properties ?? {})) {
    const next = a.properties?.[name];
    if (!next) {
      if (a.additionalProperties === false)
        out.push({ rule: 'request-field-removed', where: `${where}.${name}`, message: 'no longer accepted' });
      continue;
    }
    compareRequestSchema(schema, next, `${where}.${name}`, out, docs);
  }
  if (b.items && a.items) compareRequestSchema(b.items, a.items, `${where}[]`, out, docs);
}

/** Walks a response schema: what clients read must not disappear or change type. */
function compareResponseSchema(before, after, where, out, docs, seen = new Set()) {
  const [b, a] = [resolveRef(docs.before, before), resolveRef(docs.after, after)];
  if (!b || !a || seen.has(b)) return;
  seen.add(b);
  for (const type of typesOf(a)) {
    if (typesOf(b).size && !typesOf(b).has(type)) out.push({ rule: 'response-type-changed', where, message: `may now be ${type}` });
  }
  if (b.enum && a.enum && where.endsWith('details.code') === false) {
    for (const value of a.enum.filter((v) => !b.enum.includes(v))) {
      out.push({ rule: 'response-enum-value-added', where, message: `may now be ${JSON.stringify(value)}` });
    }
  }
  const stillRequired = new Set(a.required ?? []);
  for (const name of b.required ?? []) {
    if (!stillRequired.has(name))
      out.push({ rule: 'response-field-removed', where: `${where}.${name}`, message: 'no longer always present' });
  }
  for (const [name, schema] of Object.entries(b.properties ?? {})) {
    const next = a.properties?.[name];
    if (next) compareResponseSchema(schema, next, `${where}.${name}`, out, docs, seen);
  }
  if (b.items && a.items) compareResponseSchema(b.items, a.items, `${where}[]`, out, docs, seen);
}

const jsonSchema = (document, node) => resolveRef(document, node)?.content?.['application/json']?.schema;

/**
 * Lists the changes from `before` to `after` that break existing clients.
 * @example
 * findBreakingChanges(released, current) // [{ rule: 'operation-removed', where: 'DELETE /races/{race_id}', ... }]
 */
export function findBreakingChanges(before, after) {
  const out = [];
  const docs = { before, after };
  const [was, now] = [operationsOf(before), operationsOf(after)];
  for (const [key, { operation, parameters }] of was) {
    const next = now.get(key);
    if (!next) {
      out.push({ rule: 'operation-removed', where: key, message: `${operation.operationId} is gone` });
      continue;
    }
    if (next.operation.operationId !== operation.operationId) {
      out.push({ rule: 'operation-id-changed', where: key, message: `${operation.operationId} → ${next.operation.operationId}` });
    }
    for (const parameter of parameters) {
      const match = next.parameters.find((p) => p.name === parameter.name && p.in === parameter.in);
      const where = `${key} ${parameter.in} ${parameter.name}`;
      if (!match) out.push({ rule: 'parameter-removed', where, message: 'no longer accepted' });
      else {
        if (match.required && !parameter.required) out.push({ rule: 'parameter-now-required', where, message: 'now required' });
        compareRequestSchema(parameter.schema, match.schema, where, out, docs);
      }
    }
    for (const parameter of next.parameters.filter((p) => p.required && !parameters.some((q) => q.name === p.name && q.in === p.in))) {
      out.push({ rule: 'parameter-now-required', where: `${key} ${parameter.in} ${parameter.name}`, message: 'a new required parameter' });
    }
    const [bodyBefore, bodyAfter] = [jsonSchema(before, operation.requestBody), jsonSchema(after, next.operation.requestBody)];
    if (bodyBefore && bodyAfter) compareRequestSchema(bodyBefore, bodyAfter, `${key} body`, out, docs);
    if (!bodyBefore && bodyAfter && resolveRef(after, next.operation.requestBody)?.required) {
      out.push({ rule: 'request-body-now-required', where: `${key} body`, message: 'a new required request body' });
    }
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const nextResponse = next.operation.responses?.[status];
      if (!nextResponse) {
        if (status.startsWith('2')) out.push({ rule: 'success-status-removed', where: `${key} ${status}`, message: 'no longer returned' });
        continue;
      }
      compareResponseSchema(jsonSchema(before, response), jsonSchema(after, nextResponse), `${key} ${status}`, out, docs);
    }
  }
  return out;
}
