/**
 * The request of one matrix cell: the operation's path with the target's ids, the case's
 * headers and query, and the contract's request body example made unique per cell.
 */
import type { MatrixCell } from './auth-matrix.js';
import { basePath, operationTable, propertiesOf, requestBodyExamples, requestBodySchema, type OperationId } from './contract.js';
import type { ApiRequest } from './exchange.js';
import { deviceFileFor, takesFile } from './device-files.js';
import { schemaValidator } from './schema-validator.js';

/**
 * The operation's first documented request body example, made unique by `tag`: every free
 * text field (one that stays valid with ` tag` appended within its maxLength) gets it, so
 * creations never collide with each other (the contract's 409 rule), and every
 * `format: email` field gets the tag in its local part, so per-address rate limits and
 * "already has an account" answers never carry over from one request to another.
 *
 * @example
 * ```ts
 * exampleBody('createRace', 'r7'); // { race_name: "Chicago Marathon r7", ... }
 * exampleBody('requestVerification', 'm12'); // { email: "lena.m12@example.com" }
 * ```
 */
export function exampleBody(id: OperationId, tag: string): Record<string, unknown> | undefined {
  const example = requestBodyExamples(id)[0] as Record<string, unknown> | undefined;
  const schema = requestBodySchema(id);
  if (!example || !schema) return example;
  for (const [name, value] of Object.entries(example)) {
    const property = propertiesOf(schema)[name];
    if (typeof value !== 'string' || !property || property.enum) continue;
    if (property.format === 'email') {
      example[name] = uniqueEmail(value, tag);
      continue;
    }
    // Free text: whatever the field's pattern allows, as long as the tagged text is still valid.
    const max = typeof property.maxLength === 'number' ? property.maxLength : 200;
    const tagged = `${value.slice(0, Math.max(0, max - tag.length - 1))} ${tag}`;
    if (schemaValidator(property)(tagged)) example[name] = tagged;
  }
  return example;
}

/** `lena@example.com` with `tag` in its local part: `lena.m12@example.com` (the tag reduced to letters and digits). */
function uniqueEmail(email: string, tag: string): string {
  const at = email.lastIndexOf('@');
  const safe = tag.replace(/[^A-Za-z0-9]/g, '');
  return at < 0 ? email : `${email.slice(0, at)}.${safe}${email.slice(at)}`;
}

/**
 * The request of one cell against a target resource (`pathValues`), with a valid body
 * made unique by `tag`, sent with `headers` (the case's own unless a fresh credential was made).
 *
 * @example
 * ```ts
 * cellRequest(cell, { race_id: 'race_abc' }, 'cell12').url; // "/api/v1/races/race_abc"
 * ```
 */
export function cellRequest(
  cell: MatrixCell,
  pathValues: Record<string, string>,
  tag: string,
  headers = cell.credentials.headers,
): ApiRequest {
  const entry = operationTable[cell.operationId];
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
  const search = new URLSearchParams(cell.credentials.query ?? {}).toString();
  const request: ApiRequest = {
    operationId: cell.operationId,
    method: entry.method.toUpperCase(),
    url: `${basePath}${path}${search ? `?${search}` : ''}`,
    headers: { ...headers },
  };
  if (takesFile(cell.operationId)) {
    const file = deviceFileFor(tag);
    request.headers['content-type'] = file.type;
    request.body = file.bytes;
    return request;
  }
  const body = entry.hasBody ? exampleBody(cell.operationId, tag) : undefined;
  if (body !== undefined) {
    request.headers['content-type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  return request;
}
