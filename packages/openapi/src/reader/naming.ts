/**
 * Names derived from the contract, once: the `@astral/client` call of each operation and
 * the resource noun its errors speak of. The generated operation table carries them, so the
 * client's types, its runtime and the docs' samples all read the same strings.
 */

const words = (text: string): string[] => text.split(/[\s_-]+/).filter(Boolean);
const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The client namespace of a tag: `Races` → `races`, `Training Plans` → `trainingPlans`, `AI coach` → `aiCoach`.
 *
 * @example
 * ```ts
 * namespaceOf('Training Plans'); // 'trainingPlans'
 * ```
 */
export function namespaceOf(tag: string): string {
  // The first word lower-cased whole, so an acronym reads as one word: `AI coach` → `aiCoach`.
  return words(tag)
    .map((word, index) => (index === 0 ? word.toLowerCase() : capitalize(word)))
    .join('');
}

/** `rest` without a leading whole word `noun` (plural, then singular), else `rest`. */
function stripNoun(rest: string, noun: string): string {
  // Activities → Activity, Races → Race.
  const singular = noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.slice(0, -1);
  const candidates = noun.endsWith('s') ? [noun, singular] : [noun];
  for (const candidate of candidates) {
    if (!rest.startsWith(candidate)) continue;
    const after = rest.slice(candidate.length);
    if (after === '' || /^[A-Z]/.test(after)) return after;
  }
  return rest;
}

/**
 * The client method of an operation: the operationId's leading verb, with the tag's noun
 * removed from what follows. `listRaces` (Races) → `list`, `getRace` → `get`, `getMe`
 * (Auth) → `me`, `getRaceStats` → `stats`, `cancelRaceEntry` → `cancelEntry`,
 * `listTrainingPlans` (Training Plans) → `list`.
 *
 * @example
 * ```ts
 * methodOf('cancelRaceEntry', 'Races'); // 'cancelEntry'
 * ```
 */
export function methodOf(operationId: string, tag: string): string {
  const verb = /^[^A-Z]*/.exec(operationId)?.[0] ?? '';
  const remainder = stripNoun(operationId.slice(verb.length), capitalize(namespaceOf(tag)));
  if (remainder === '') return verb;
  return verb === 'get' ? remainder.charAt(0).toLowerCase() + remainder.slice(1) : verb + remainder;
}

/**
 * The resource an identifier names, for messages: `race_id` → `race`,
 * `training_plan_id` → `training plan`, `org_id` → `org`.
 *
 * @example
 * ```ts
 * resourceNounOf('training_plan_id'); // 'training plan'
 * ```
 */
export function resourceNounOf(idParameter: string): string {
  return words(idParameter.replace(/_?id$/i, '')).join(' ').toLowerCase();
}
