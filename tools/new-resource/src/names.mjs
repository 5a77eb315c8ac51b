// Every spelling of a resource's name the generated files use, derived from the one name a
// backend team types ("Shoe", "Training Plan"), and the substitution that turns the
// templates (written for a resource named "Sample Item") into them.

/** Words an identifier may not be: JavaScript's reserved words that a name could produce. */
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(
    ' ',
  ),
);

/**
 * The words of a name: space- or hyphen-separated words, or PascalCase; letters only.
 * Undefined when the name is malformed.
 *
 * @example
 * words('Training Plan'); // ['training', 'plan']
 * words('TrainingPlan'); // ['training', 'plan']
 */
function words(name) {
  const trimmed = name.trim();
  if (!/^[A-Za-z]+([ -][A-Za-z]+)*$/.test(trimmed)) return undefined;
  return trimmed
    .split(/[ -]/)
    .flatMap((part) => part.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [])
    .map((word) => word.toLowerCase());
}

/**
 * The English plural of a lower-case word (regular forms only; the one irregular word a team
 * needs can be given with `--plural`).
 *
 * @example
 * plural('race'); // 'races'
 * plural('activity'); // 'activities'
 * plural('box'); // 'boxes'
 */
export function plural(word) {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Every spelling of a resource name, or the reason the name cannot be one.
 *
 * @example
 * resourceNames('Training Plan').names.snakePlural; // 'training_plans'
 * resourceNames('Training Plan').names.idPrefix; // 'training_plan' (ids: training_plan_...)
 * resourceNames('2 shoes').error; // 'The name must be letters only, ...'
 */
export function resourceNames(name, options = {}) {
  const singular = words(name ?? '');
  if (!singular || singular.length === 0) {
    return {
      error: `"${name ?? ''}" is not a resource name: use one or more words of letters only, in the singular ("Shoe", "Training Plan")`,
    };
  }
  if (singular.join('').length < 3 || singular.join('').length > 40) {
    return { error: `"${name}" is not a resource name: use 3 to 40 letters` };
  }
  const last = singular.at(-1);
  const pluralLast = options.plural ? words(options.plural)?.at(-1) : plural(last);
  if (!pluralLast) return { error: `"${options.plural}" is not a plural: use letters only` };
  if (pluralLast === last) {
    return { error: `"${name}" has the same singular and plural ("${last}"): give another name, or its plural with --plural` };
  }
  const many = [...singular.slice(0, -1), pluralLast];
  const pascal = (list) => list.map(capital).join('');
  const camel = (list) => list[0] + pascal(list.slice(1));
  const names = {
    pascal: pascal(singular),
    pascalPlural: pascal(many),
    camel: camel(singular),
    camelPlural: camel(many),
    snake: singular.join('_'),
    snakePlural: many.join('_'),
    kebab: singular.join('-'),
    kebabPlural: many.join('-'),
    lower: singular.join(' '),
    lowerPlural: many.join(' '),
    sentence: capital(singular.join(' ')),
    sentencePlural: capital(many.join(' ')),
    /** The contract's tag: Title Case, plural ("Training Plans"). */
    tag: many.map(capital).join(' '),
    /** "a shoe", "an apple". */
    article: /^[aeiou]/.test(singular[0]) ? 'an' : 'a',
    /** Ids are `<idPrefix>_` then letters and digits, like `race_xyz456`. */
    idPrefix: singular.join('_'),
  };
  for (const identifier of [names.camel, names.camelPlural]) {
    if (RESERVED.has(identifier)) return { error: `"${name}" would name a variable "${identifier}", a reserved word of JavaScript` };
  }
  return { names };
}

/** The spellings of the templates' own resource, "Sample Item". */
export const TEMPLATE_NAMES = resourceNames('Sample Item').names;

/** The cursor after the examples' id (`<idPrefix>_xyz456`), as the list writes it: base64url JSON under the wire key `i`. */
const exampleCursor = (names) => Buffer.from(JSON.stringify({ i: `${names.idPrefix}_xyz456` })).toString('base64url');

/**
 * Rewrites a template (its text or its path) from "Sample Item" to `names`: every spelling
 * of the template's name, longest first, and the id's maximum length, which depends on the
 * prefix.
 *
 * @example
 * substitute('listSampleItems /sample-items sample_item_id', resourceNames('Shoe').names);
 * // 'listShoes /shoes shoe_id'
 */
export function substitute(text, names) {
  const pairs = [
    ['Sample Items', names.tag],
    ['a sample item', `${names.article} ${names.lower}`],
    ['A sample item', `${capital(names.article)} ${names.lower}`],
    ...Object.keys(TEMPLATE_NAMES)
      .filter((key) => !['tag', 'article', 'idPrefix'].includes(key))
      .map((key) => [TEMPLATE_NAMES[key], names[key]]),
  ].sort(([a], [b]) => b.length - a.length);
  const lookup = new Map(pairs);
  const expression = new RegExp(
    pairs.map(([from]) => (from.startsWith('a ') || from.startsWith('A ') ? `\\b${from}` : from)).join('|'),
    'g',
  );
  const maxIdLength = `maxLength: ${TEMPLATE_NAMES.idPrefix.length + 1 + 64}`;
  return text
    .replace(expression, (found) => lookup.get(found))
    .replaceAll(maxIdLength, `maxLength: ${names.idPrefix.length + 1 + 64}`)
    .replaceAll(exampleCursor(TEMPLATE_NAMES), exampleCursor(names));
}
