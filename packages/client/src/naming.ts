// How an operation of the contract becomes `client.<namespace>.<method>`: the tag names the
// namespace, the operationId's verb the method. The same rules exist twice, as types (so
// the client's shape is known at compile time) and as functions (to build it at runtime);
// test/naming.test.ts checks every operation of the contract against both.

/** `Races` → `races`, `Training Plans` → `trainingPlans`. */
export type NamespaceOf<Tag extends string> = Uncapitalize<PascalWords<Tag>>;
type PascalWords<S extends string> = S extends `${infer Head} ${infer Rest}`
  ? `${Capitalize<Head>}${PascalWords<Rest>}`
  : Capitalize<S>;

/** `listRaces` → [`list`, `Races`]: the leading lower-case run is the verb. */
type SplitVerb<S extends string, Verb extends string = ''> = S extends `${infer C}${infer Rest}`
  ? C extends Lowercase<C>
    ? SplitVerb<Rest, `${Verb}${C}`>
    : [Verb, S]
  : [Verb, ''];

/** Strips the resource noun (plural, then singular) when it is a whole word. */
type StripNoun<Rest extends string, Noun extends string> =
  StripWord<Rest, Noun> extends Rest
    ? Noun extends `${infer Singular}s`
      ? StripWord<Rest, Singular>
      : Rest
    : StripWord<Rest, Noun>;
/** `Rest` without a leading `Word`, if what follows starts a new word; else `Rest`. */
type StripWord<Rest extends string, Word extends string> = Rest extends `${Word}${infer After}`
  ? After extends ''
    ? After
    : After extends `${infer C}${string}`
      ? C extends Lowercase<C>
        ? Rest
        : After
      : Rest
  : Rest;

/**
 * `listRaces` (tag Races) → `list`, `getRace` → `get`, `getMe` (tag Auth) → `me`,
 * `getRaceStats` → `stats`, `cancelRaceEntry` → `cancelEntry`.
 */
export type MethodOf<OperationId extends string, Tag extends string> =
  SplitVerb<OperationId> extends [infer Verb extends string, infer Rest extends string]
    ? StripNoun<Rest, PascalWords<Tag>> extends infer Remainder extends string
      ? Remainder extends ''
        ? Verb
        : Verb extends 'get'
          ? Uncapitalize<Remainder>
          : `${Verb}${Remainder}`
      : never
    : never;

/** Runtime twin of `NamespaceOf`. */
export function namespaceOf(tag: string): string {
  const pascal = tag
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** Runtime twin of `MethodOf`. */
export function methodOf(operationId: string, tag: string): string {
  const verb = /^[^A-Z]*/.exec(operationId)![0];
  const rest = operationId.slice(verb.length);
  const noun = namespaceOf(tag).replace(/^./, (c) => c.toUpperCase());
  const remainder = stripNoun(rest, noun);
  if (remainder === '') return verb;
  return verb === 'get' ? remainder.charAt(0).toLowerCase() + remainder.slice(1) : verb + remainder;
}

function stripNoun(rest: string, noun: string): string {
  const candidates = noun.endsWith('s') ? [noun, noun.slice(0, -1)] : [noun];
  for (const candidate of candidates) {
    if (!rest.startsWith(candidate)) continue;
    const after = rest.slice(candidate.length);
    if (after === '' || /^[A-Z]/.test(after)) return after;
  }
  return rest;
}
