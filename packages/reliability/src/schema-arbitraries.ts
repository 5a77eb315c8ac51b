/**
 * fast-check arbitraries driven by JSON Schemas of the contract: values a schema accepts
 * and values it rejects. Every generated value is checked against the schema itself with
 * Ajv (the same validator family the server uses), so a quirk of a generator can never
 * turn a "valid" value invalid or the other way round.
 *
 * One file, at about 250 lines: the accepted and the rejected values walk the same schema
 * keywords, and each generator is read against its opposite.
 */
import fc from 'fast-check';
import { schemaValidator } from './schema-validator.js';
import type { Schema } from './contract.js';

/** A value the schema rejects, with the reason and the sub-field it is about. */
export interface InvalidValue {
  value: unknown;
  /** What was done to it, for the reproducer: `too-long`, `wrong-type`, `bad-enum`... */
  kind: string;
}

const typesOf = (schema: Schema): string[] =>
  schema.enum ? [] : Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

/** RFC 3339 date-times in the spellings the format allows: milliseconds, offsets, lower case, leap second. */
export function dateTimeArbitrary(): fc.Arbitrary<string> {
  // Up to 9998, not 9999: a 9999-12-31 date with a negative offset is past year 9999 in
  // UTC, which the contract (RaceDate) refuses with a 400, so it is not a valid value.
  const date = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9998-12-31T23:59:59Z'), noInvalidDate: true });
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return fc.oneof(
    { weight: 4, arbitrary: date.map((d) => d.toISOString()) },
    { weight: 3, arbitrary: date.map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(date, fc.integer({ min: -12, max: 14 }), fc.constantFrom(0, 30, 45))
        .map(([d, h, m]) => d.toISOString().replace(/\.\d{3}Z$/, `${h < 0 ? '-' : '+'}${pad(h)}:${pad(m)}`)),
    },
    { weight: 1, arbitrary: date.map((d) => d.toISOString().replace('T', 't').replace('Z', 'z')) },
    // RFC 3339 spellings only. ajv-formats also passes `+0200` offsets and a space for `T`,
    // which RFC 3339 does not define, so they are not generated as valid. The leap second
    // is valid (the API reads it as :59).
    { weight: 1, arbitrary: fc.constantFrom('2024-02-29T00:00:00Z', '2025-10-05T08:00:00.123456789Z', '2016-12-31T23:59:60Z') },
  );
}

/** Strings of code points (the unit JSON Schema's lengths count), ASCII, any script, or control characters. */
function textArbitrary(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const small = Math.min(maxLength, Math.max(minLength, 40));
  const units = ['grapheme-ascii', 'grapheme-composite', 'binary'] as const;
  const arbitraries: Array<fc.WeightedArbitrary<string>> = units.map((unit, index) => ({
    weight: [5, 3, 1][index]!,
    arbitrary: fc.string({ minLength, maxLength: small, unit }),
  }));
  // The boundary itself: exactly maxLength code points, some of them outside the BMP.
  if (maxLength > small) {
    arbitraries.push({
      weight: 1,
      arbitrary: fc.constantFrom('a', 'é', '😀', '\u0000').map((c) => c.repeat(maxLength)),
    });
  }
  return fc.oneof(...arbitraries);
}

/**
 * The pattern with each `]+` repetition made long enough that the whole string reaches
 * `minLength` (`^[A-Za-z0-9_-]+$` with minLength 16 becomes `^[A-Za-z0-9_-]{16,}$`):
 * fast-check draws short repetitions, and a length filter would discard nearly all of them.
 */
function atLeast(pattern: string, minLength: number): string {
  const repeats = pattern.split(']+').length - 1;
  if (minLength <= 1 || repeats === 0) return pattern;
  return pattern.replaceAll(']+', `]{${Math.ceil(minLength / repeats)},}`);
}

/** `(?=.*X)`: "somewhere, an X", the one kind of lookahead the contract's patterns use (password rules). */
const lookahead = /\(\?=\.\*([^)]*)\)/g;

/**
 * Strings matching a pattern. fast-check cannot generate from lookaheads, so each
 * `(?=.*X)` is met by putting an X first, and the rest of the pattern generates the
 * remainder (the caller's Ajv filter drops the few that end up too long).
 */
function patternArbitrary(pattern: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  const required = [...pattern.matchAll(lookahead)].map((match) => match[1]!);
  const body = atLeast(pattern.replace(lookahead, ''), minLength);
  if (required.length === 0) return fc.stringMatching(new RegExp(body), { maxLength });
  const rest = fc.stringMatching(new RegExp(body), { maxLength });
  return fc
    .tuple(rest, ...required.map((piece) => fc.stringMatching(new RegExp(`^${piece}$`))))
    .map(([body, ...pieces]) => pieces.join('') + body);
}

/** Addresses: plain ones (what people type) and the odd shapes RFC 5322 allows. */
function emailArbitrary(): fc.Arbitrary<string> {
  const word = fc.stringMatching(/^[a-z0-9]{1,20}$/);
  const plain = fc.tuple(word, fc.constantFrom('', '.', '+', '_', '-'), word, word, fc.constantFrom('com', 'org', 'example'));
  return fc.oneof(
    { weight: 4, arbitrary: plain.map(([a, sep, b, domain, tld]) => `${a}${sep}${sep ? b : ''}@${domain}.${tld}`) },
    { weight: 1, arbitrary: fc.emailAddress() },
  );
}

/**
 * Whether no value is valid: `false`, or an array that must have items past a recursive
 * schema's depth (a block at the deepest level with `blocks`). Such an optional property is
 * left out; drawn, it would make nearly every deep value invalid and the filter retry for seconds.
 */
function unsatisfiable(schema: Schema): boolean {
  if ((schema as unknown) === false) return true;
  return typesOf(schema).join() === 'array' && schema.items === false && (schema.minItems ?? 0) > 0;
}

/**
 * One of the alternatives. Standing alone (a plan day: a workout or `null`) each is drawn as
 * itself; on an object of its own (a new member: exactly one of `email` and `user_id`) each
 * is that object with the fields the alternative requires and without those only the others do.
 */
function oneOfArbitrary(schema: Schema, arrayDepth: number): fc.Arbitrary<unknown> {
  const { oneOf, ...rest } = schema;
  const options = oneOf as Schema[];
  if (rest.type === undefined && rest.properties === undefined)
    return fc.oneof(...options.map((option) => rawValidValue(option, arrayDepth)));
  return fc.oneof(
    ...options.map((option) => {
      const own = new Set((option.required ?? []) as string[]);
      const others = new Set(options.filter((other) => other !== option).flatMap((other) => (other.required ?? []) as string[]));
      const properties = Object.entries<Schema>(rest.properties ?? {}).filter(([name]) => own.has(name) || !others.has(name));
      const required = [...((rest.required ?? []) as string[]), ...own];
      return rawValidValue(
        { ...rest, ...option, properties: { ...Object.fromEntries(properties), ...(option.properties ?? {}) }, required },
        arrayDepth,
      );
    }),
  );
}

function rawValidValue(schema: Schema, arrayDepth = 0): fc.Arbitrary<unknown> {
  // `false`: past a recursive schema's stated depth nothing is valid (`inlineRefs`); never drawn (see arrays).
  if ((schema as unknown) === false) return fc.constant(undefined);
  if (Array.isArray(schema.oneOf)) return oneOfArbitrary(schema, arrayDepth);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => rawValidValue({ ...schema, type }, arrayDepth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'string': {
      const max = schema.maxLength ?? 1000;
      const min = schema.minLength ?? 0;
      if (schema.format === 'date-time') return dateTimeArbitrary();
      // A calendar date (`YYYY-MM-DD`): text drawn at random is almost never one.
      if (schema.format === 'date') {
        return fc
          .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      }
      if (schema.format === 'uri') {
        return fc
          .webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true })
          .filter((u) => u.length <= max);
      }
      if (schema.format === 'email') return emailArbitrary().filter((s) => s.length >= min && s.length <= max);
      // eslint-disable-next-line @typescript-eslint/no-misused-spread -- JSON Schema's minLength counts code points, which is exactly what spreading a string yields
      if (schema.pattern) return patternArbitrary(schema.pattern, min, max).filter((s) => [...s].length >= min);
      return textArbitrary(min, max);
    }
    case 'array': {
      // Items past a recursive schema's depth: only the empty array is valid.
      if (schema.items === false) return fc.constant([]);
      const items = rawValidValue(schema.items ?? {}, arrayDepth + 1);
      const maxItems = schema.maxItems ?? 10;
      const minItems = schema.minItems ?? 0;
      // Inside another array (a plan's weeks → blocks → child blocks) sizes multiply: keep
      // nested arrays short (2, then 1), so a value stays kilobytes, and leave the full-size
      // draw to the outermost array (each bound is still broken by the invalid values).
      if (arrayDepth > 0) {
        return fc.array(items, { minLength: minItems, maxLength: Math.max(minItems, Math.min(maxItems, arrayDepth === 1 ? 2 : 1)) });
      }
      // Distinct items where the schema asks (`workout_days`): drawn apart, not filtered.
      const array = (minLength: number, maxLength: number) =>
        schema.uniqueItems
          ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) })
          : fc.array(items, { minLength, maxLength });
      return fc.oneof(
        { weight: 5, arbitrary: array(minItems, Math.min(maxItems, 5)) },
        { weight: 1, arbitrary: array(maxItems, maxItems) },
      );
    }
    case 'object': {
      const required = new Set((schema.required ?? []) as string[]);
      const properties = Object.entries<Schema>(schema.properties ?? {}).filter(([name, sub]) => required.has(name) || !unsatisfiable(sub));
      const model = Object.fromEntries(properties.map(([name, sub]) => [name, rawValidValue(sub, arrayDepth)]));
      return fc
        .record(model, { requiredKeys: (schema.required ?? []) as string[] })
        .filter((o) => Object.keys(o).length >= (schema.minProperties ?? 0));
    }
    default:
      return fc.jsonValue();
  }
}

/**
 * Values the schema accepts.
 *
 * @example
 * ```ts
 * fc.sample(validValue({ type: 'integer', minimum: 1, maximum: 100 }), 3); // e.g. [1, 100, 42]
 * ```
 */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  const validate = schemaValidator(schema);
  return rawValidValue(schema).filter((value) => validate(value));
}

/** Values of a different JSON type than the schema allows. */
function wrongTypes(schema: Schema): unknown[] {
  const samples: Record<string, unknown[]> = {
    string: ['12', 'true', ''],
    integer: [12, -1, 1.5],
    number: [1.5],
    boolean: [true],
    null: [null],
    array: [[], ['x']],
    object: [{}, { nested: { deep: [1, 2] } }],
  };
  const allowed = new Set(typesOf(schema));
  if (allowed.has('number')) allowed.add('integer');
  return Object.entries(samples)
    .filter(([type]) => !allowed.has(type))
    .flatMap(([, values]) => values);
}

/** Values next to each constraint of the schema, on its wrong side. */
function constraintBreakers(schema: Schema): InvalidValue[] {
  const out: InvalidValue[] = [];
  const types = new Set(typesOf(schema));
  if (schema.enum) {
    const first = String(schema.enum[0]);
    out.push(
      { value: first.toUpperCase(), kind: 'bad-enum' },
      { value: `${first} `, kind: 'bad-enum' },
      { value: 'zzz-unknown', kind: 'bad-enum' },
    );
  }
  if (types.has('string')) {
    if (schema.maxLength !== undefined) {
      out.push(
        { value: 'x'.repeat(schema.maxLength + 1), kind: 'too-long' },
        { value: '😀'.repeat(schema.maxLength + 1), kind: 'too-long' },
      );
    }
    if (schema.minLength) out.push({ value: '', kind: 'empty' });
    if (schema.format === 'date-time') {
      for (const value of [
        '2025-13-01T00:00:00Z',
        '2025-02-30T08:00:00Z',
        '2025-10-05',
        'yesterday',
        '1760000000',
        '2025-10-05T25:00:00Z',
        '2025-10-05T08:00:00',
        '0000-00-00T00:00:00Z',
      ]) {
        out.push({ value, kind: 'bad-date' });
      }
    }
    if (schema.format === 'uri' || schema.pattern) {
      for (const value of ['javascript:alert(1)', 'ftp://example.com/x', 'not a url', '/relative/path', 'race_', 'race_a-b', 'race_ä']) {
        out.push({ value, kind: 'bad-pattern' });
      }
    }
  }
  if (types.has('integer') || types.has('number')) {
    if (schema.minimum !== undefined) out.push({ value: schema.minimum - 1, kind: 'below-minimum' });
    if (schema.maximum !== undefined)
      out.push({ value: schema.maximum + 1, kind: 'above-maximum' }, { value: 1e300, kind: 'above-maximum' });
    if (types.has('integer')) out.push({ value: 0.5, kind: 'not-integer' });
  }
  if (types.has('array')) {
    const item = schema.items ?? {};
    if (schema.maxItems !== undefined)
      out.push({ value: Array.from({ length: schema.maxItems + 1 }, (_, i) => `item ${i}`), kind: 'too-many-items' });
    for (const bad of constraintBreakers(item)) out.push({ value: [bad.value], kind: `item-${bad.kind}` });
    for (const bad of wrongTypes(item)) out.push({ value: [bad], kind: 'item-wrong-type' });
  }
  return out;
}

/**
 * Values the schema rejects: wrong types, out-of-range numbers, bad enums, bad dates,
 * over-long and empty strings, too many items. Each is confirmed invalid by Ajv (and by
 * `stillInvalid`, when given: a URL parameter must stay invalid as text).
 *
 * @example
 * ```ts
 * fc.sample(invalidValue({ type: 'string', maxLength: 3 }), 1)[0]; // e.g. { value: 'xxxx', kind: 'too-long' }
 * ```
 */
export function invalidValue(schema: Schema, stillInvalid?: (value: unknown) => boolean): fc.Arbitrary<InvalidValue> | undefined {
  const validate = schemaValidator(schema);
  const candidates = [...constraintBreakers(schema), ...wrongTypes(schema).map((value) => ({ value, kind: 'wrong-type' }))].filter(
    (candidate) => !validate(candidate.value) && (stillInvalid ? stillInvalid(candidate.value) : true),
  );
  return candidates.length === 0 ? undefined : fc.constantFrom(...candidates);
}
