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

/**
 * The most characters an anchored `pattern` (`^...$`) can match, or Infinity when it is
 * unbounded or uses syntax this reader does not follow. Literals, escapes, `.` and character
 * classes are one character; groups take their longest alternative; lookaheads take none;
 * `?`, `{n}`, `{m,n}` multiply; `*`, `+` and `{n,}` are unbounded.
 * @example
 * patternMaxLength('^race_[A-Za-z0-9]{1,64}$') // 69
 */
export function patternMaxLength(pattern) {
  if (typeof pattern !== 'string' || !pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return Infinity;
  const source = pattern.slice(1, -1);
  let at = 0;
  const atom = () => {
    const char = source[at];
    if (char === '\\') {
      const next = source[at + 1];
      if (next === undefined || /[1-9kbBpP]/.test(next)) throw new Error('unsupported escape');
      at += next === 'x' ? 4 : next === 'u' ? (source[at + 2] === '{' ? source.indexOf('}', at) + 1 - at : 6) : 2;
      return 1;
    }
    if (char === '[') {
      at += 1;
      if (source[at] === '^') at += 1;
      if (source[at] === ']') at += 1;
      while (at < source.length && source[at] !== ']') at += source[at] === '\\' ? 2 : 1;
      if (source[at] !== ']') throw new Error('unclosed class');
      at += 1;
      return 1;
    }
    if (char === '(') {
      const lookaround = /^\(\?<?[=!]/.test(source.slice(at));
      if (!lookaround && source[at + 1] === '?' && source[at + 2] !== ':') throw new Error('named group or flags');
      at += lookaround ? (source[at + 2] === '<' ? 4 : 3) : source[at + 1] === '?' ? 3 : 1;
      const length = alternatives();
      if (source[at] !== ')') throw new Error('unclosed group');
      at += 1;
      return lookaround ? 0 : length;
    }
    if (char === '^' || char === '$' || char === ')' || char === '|') throw new Error('anchor or stray token');
    at += 1;
    return 1;
  };
  const quantified = () => {
    const length = atom();
    const rest = source.slice(at);
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let times = 1;
    if (braces) {
      at += braces[0].length;
      times = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
    } else if (rest[0] === '?') {
      at += 1;
    } else if (rest[0] === '*' || rest[0] === '+') {
      at += 1;
      times = Infinity;
    }
    if (source[at] === '?') at += 1; // lazy
    return length === 0 ? 0 : length * times;
  };
  const sequence = () => {
    let length = 0;
    while (at < source.length && source[at] !== '|' && source[at] !== ')') length += quantified();
    return length;
  };
  function alternatives() {
    let longest = sequence();
    while (source[at] === '|') {
      at += 1;
      longest = Math.max(longest, sequence());
    }
    return longest;
  }
  try {
    const length = alternatives();
    return at === source.length ? length : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * Whether adding `key` (absent before) to a request schema leaves every value it accepted
 * accepted: a new `maxLength` at or above what the schema's existing pattern can match.
 */
const impliedBefore = (key, before, value) => key === 'maxLength' && patternMaxLength(before.pattern) <= value;

/**
 * The reason the contract gives for a first bound on a request value that had none, when its
 * schema lists the keyword under `x-astral-bounds-added` (openapi/README.md, "Breaking changes").
 */
function acceptedFirstBound(after, key) {
  const accepted = after['x-astral-bounds-added'];
  if (!accepted || !Array.isArray(accepted.keywords) || typeof accepted.reason !== 'string' || !accepted.reason.trim()) return undefined;
  return accepted.keywords.includes(key) ? accepted.reason : undefined;
}

/**
 * Walks a request schema: what the server accepts must not narrow. A first bound the
 * contract accepts with a reason goes to `accepted` instead of `out`.
 */
function compareRequestSchema(before, after, where, out, docs, accepted) {
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
    const message = `${key} ${x ?? 'unset'} → ${y}`;
    if (x === undefined && y !== undefined && !impliedBefore(key, b, y)) {
      const reason = acceptedFirstBound(a, key);
      if (reason) accepted?.push({ rule: 'request-first-bound-accepted', where, message, reason });
      else out.push({ rule: 'request-constraint-narrowed', where, message });
    }
    if (x !== undefined && y !== undefined && narrower(x, y)) out.push({ rule: 'request-constraint-narrowed', where, message });
  }
  if (a.pattern !== undefined && a.pattern !== b.pattern) {
    const message = `pattern ${b.pattern ?? 'unset'} → ${a.pattern}`;
    const reason = b.pattern === undefined ? acceptedFirstBound(a, 'pattern') : undefined;
    if (reason) accepted?.push({ rule: 'request-first-bound-accepted', where, message, reason });
    else out.push({ rule: 'request-constraint-narrowed', where, message });
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
    compareRequestSchema(schema, next, `${where}.${name}`, out, docs, accepted);
  }
  if (b.items && a.items) compareRequestSchema(b.items, a.items, `${where}[]`, out, docs, accepted);
}

/** Walks a response schema: what clients read must not disappear or change type. */
function compareResponseSchema(before, after, where, out, docs, seen = new Set()) {
  const [b, a] = [resolveRef(docs.before, before), resolveRef(docs.after, after)];
  if (!b || !a || seen.has(b)) return;
  seen.add(b);
  for (const type of typesOf(a)) {
    if (typesOf(b).size && !typesOf(b).has(type)) out.push({ rule: 'response-type-changed', where, message: `may now be ${type}` });
  }
  // An enum the contract marks `x-astral-extensible` promises clients new values: they must tolerate them.
  if (b.enum && a.enum && where.endsWith('details.code') === false && a['x-astral-extensible'] !== true) {
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
 * Lists the changes from `before` to `after` that break existing clients. First bounds on
 * request values that the contract accepts with a reason (`x-astral-bounds-added`) are not
 * in the list; pass `options.accepted`, an array, to collect them.
 * @example
 * findBreakingChanges(released, current) // [{ rule: 'operation-removed', where: 'DELETE /races/{race_id}', ... }]
 */
export function findBreakingChanges(before, after, options = {}) {
  const accepted = options.accepted;
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
        compareRequestSchema(parameter.schema, match.schema, where, out, docs, accepted);
      }
    }
    for (const parameter of next.parameters.filter((p) => p.required && !parameters.some((q) => q.name === p.name && q.in === p.in))) {
      out.push({ rule: 'parameter-now-required', where: `${key} ${parameter.in} ${parameter.name}`, message: 'a new required parameter' });
    }
    const [bodyBefore, bodyAfter] = [jsonSchema(before, operation.requestBody), jsonSchema(after, next.operation.requestBody)];
    if (bodyBefore && bodyAfter) compareRequestSchema(bodyBefore, bodyAfter, `${key} body`, out, docs, accepted);
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
