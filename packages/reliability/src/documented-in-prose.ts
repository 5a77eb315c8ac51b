/**
 * The 400s the contract documents in prose rather than in its schemas: a field its schema
 * cannot check (a time zone, a zone's bounds, a cursor) and `date_from` after `date_to`.
 */
import { operationObject, operationParameters } from '@astral/openapi/contract';
import { propertiesOf, requestBodySchema, type OperationId, type Schema } from './contract.js';
import type { ApiRequest } from './exchange.js';

/** The one rejection of a schema-valid request the contract documents in prose: `date_from` after `date_to`. */
export function documentedRejection(request: ApiRequest): string | undefined {
  const query = new URL(request.url, 'http://x').searchParams;
  const from = query.get('date_from');
  const to = query.get('date_to');
  if (from && to && instant(from) > instant(to)) return 'date_to';
  return undefined;
}

/** A date-time as an instant, a leap second read as :59 as the contract says (Date.parse gives NaN for :60). */
const instant = (value: string): number => Date.parse(value.replace(/(T\d{2}:\d{2}:)60/i, '$159'));

/**
 * Whether the contract's prose documents a 400 on a field that its schema cannot express
 * (a time zone the server does not know, a zone whose `min` exceeds its `max`, a cursor
 * this list did not issue): a sentence of the operation's description, of the parameter's,
 * or of a schema on the body field's path, names a `400` and the field (its path, or its
 * top-level member).
 *
 * @example
 * ```ts
 * documentedInProse('updateUser', 'preferences.timezone'); // true: "one the server does not know is a `400` on `preferences.timezone`"
 * ```
 */
export function documentedInProse(id: OperationId, field: string): boolean {
  // `weeks[0].days.monday.blocks[1]` is read by its names (`weeks`, `days`...): the prose names a path, not each index.
  const path = field.replace(/\[\d+\]/g, '').split('.');
  const texts: unknown[] = [(operationObject(id).operation as { description?: unknown }).description];
  // A query parameter's own description (`cursor`: one this list did not issue is a 400 on it).
  for (const parameter of operationParameters(id))
    if (parameter.name === field) texts.push((parameter as { description?: unknown }).description);
  let node: Schema | undefined = requestBodySchema(id);
  for (const name of path) {
    node = node === undefined ? undefined : propertiesOf(node)[name];
    texts.push(node?.description);
  }
  return texts
    .filter((text): text is string => typeof text === 'string')
    .flatMap((text) => text.split(/(?<=[.;])\s+/))
    .some((sentence) => sentence.includes('`400') && (sentence.includes(`\`${field}\``) || sentence.includes(`\`${path[0]}`)));
}
