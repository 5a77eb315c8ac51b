/**
 * The oracle every fuzzed, loaded or replayed request goes through: the answer must be one
 * the contract documents for the operation, with a body valid against its schema, errors
 * in the API's shape with a documented code, and nothing internal leaking out.
 */
import { codesByStatus, errorCatalogue, operationTable, responseSchemaRef } from './contract.js';
import { schemaValidator } from './schema-validator.js';
import type { ApiRequest } from './requests.js';

/** An answer as the client saw it. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Signs of internals in a body: stack frames, source paths, driver errors. */
const leakPatterns: Array<[string, RegExp]> = [
  ['stack frame', /\bat [\w$.<>]+ \(|\n\s+at\s/],
  ['source file path', /(?:\/[\w.@-]+){2,}\.(?:[cm]?js|ts)\b|[A-Za-z]:\\[\w\\.-]+|file:\/\//],
  ['node_modules path', /node_modules/],
  ['database error', /SQLITE_|SqliteError|constraint failed|no such (?:table|column)/i],
  ['JavaScript error name', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /],
];

const documentedCodes = new Set(Object.keys(errorCatalogue));
const codesForStatus = codesByStatus();

const header = (response: ApiResponse, name: string): string | undefined => {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** Options of {@link checkResponse}. */
export interface CheckOptions {
  /** Credential values that must never be echoed back in a body. */
  secrets?: string[];
  /** Statuses this particular request must get (else: the intent decides, see below). */
  expectStatus?: number[];
}

/**
 * Every way a response breaks the contract or leaks; an empty list means it is fine.
 * On top of the per-response rules, the request's intent sets what the status must be:
 * a valid request may not be refused as invalid (400, 413, 415), and a request with one
 * thing broken must be refused with the status and `details` that name it.
 *
 * @example
 * ```ts
 * const problems = checkResponse(request, { status: 500, headers: {}, body: '{}' });
 * problems[0]; // "status 500: a server error"
 * ```
 */
export function checkResponse(request: ApiRequest, response: ApiResponse, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const entry = operationTable[request.operationId];
  const { status } = response;

  if (status >= 500) problems.push(`status ${status}: a server error`);
  if (!(entry.statuses as readonly number[]).includes(status)) {
    problems.push(`status ${status} is not documented for ${request.operationId} (documented: ${entry.statuses.join(', ')})`);
  }

  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    problems.push(`body is not JSON: ${JSON.stringify(response.body.slice(0, 200))}`);
  }
  const contentType = header(response, 'content-type') ?? '';
  if (!/^application\/json\b/.test(contentType)) problems.push(`content-type is "${contentType}", not application/json`);

  const schema = responseSchemaRef(request.operationId, status);
  if (body !== undefined && schema) {
    const validate = schemaValidator(schema);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
      problems.push(`body does not match the contract's ${status} schema: ${errors.join('; ')}`);
    }
  }

  if (status >= 400 && body !== undefined) {
    const code = member(member(body, 'details'), 'code');
    if (typeof code !== 'string' || !documentedCodes.has(code)) {
      problems.push(`error without a documented details.code (got ${JSON.stringify(code)})`);
    } else if (codesForStatus.get(status) && !codesForStatus.get(status)!.has(code)) {
      problems.push(`details.code ${code} does not go with status ${status} (documented: ${[...codesForStatus.get(status)!].join(', ')})`);
    }
  }
  if (status === 401 && !header(response, 'www-authenticate')) problems.push('401 without a WWW-Authenticate header');
  if (!header(response, 'x-request-id')) problems.push('no X-Request-Id header');

  // Success bodies echo what the caller stored (a URL may well end in `.js`): internals
  // can only leak through errors, so the patterns apply to those.
  for (const [what, pattern] of status >= 400 ? leakPatterns : []) {
    if (pattern.test(response.body)) problems.push(`body leaks a ${what}: ${JSON.stringify(response.body.slice(0, 300))}`);
  }
  for (const secret of options.secrets ?? []) {
    if (secret && response.body.includes(secret)) problems.push(`body echoes a credential (${secret.slice(0, 4)}…)`);
  }

  problems.push(...checkIntent(request, status, body, options));
  return problems;
}

/** `value[key]` when `value` is a JSON object or array, else `undefined`: how a parsed body of unknown shape is read. */
function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The one rejection of a schema-valid request the contract documents in prose: `date_from` after `date_to`. */
function documentedRejection(request: ApiRequest): string | undefined {
  const query = new URL(request.url, 'http://x').searchParams;
  const from = query.get('date_from');
  const to = query.get('date_to');
  if (from && to && instant(from) > instant(to)) return 'date_to';
  return undefined;
}

/** A date-time as an instant, a leap second read as :59 as the contract says (Date.parse gives NaN for :60). */
const instant = (value: string): number => Date.parse(value.replace(/(T\d{2}:\d{2}:)60/i, '$159'));

function checkIntent(request: ApiRequest, status: number, body: unknown, options: CheckOptions): string[] {
  if (options.expectStatus) {
    return options.expectStatus.includes(status) ? [] : [`expected status ${options.expectStatus.join(' or ')}, got ${status}`];
  }
  const details = member(body, 'details');
  const broken = request.broken;
  if (!broken) {
    const rejectedField = documentedRejection(request);
    if (rejectedField && status === 400) {
      const named = member(details, 'field');
      return named === rejectedField ? [] : [`400 for date_from after date_to should name ${rejectedField}, named ${String(named)}`];
    }
    return [400, 401, 413, 415].includes(status)
      ? [`a request the contract accepts was refused ${status} ${JSON.stringify(details ?? body)}`]
      : [];
  }
  const expected =
    broken.location === 'content-type'
      ? { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }
      : { status: 400, code: broken.kind === 'malformed-json' ? 'INVALID_JSON' : 'VALIDATION_ERROR' };
  const problems: string[] = [];
  if (status !== expected.status) {
    problems.push(
      `broken request (${broken.kind} in ${broken.location}${broken.field !== undefined ? ` "${broken.field}"` : ''}) answered ${status}, expected ${expected.status}`,
    );
    return problems;
  }
  const code = member(details, 'code');
  if (code !== expected.code) problems.push(`details.code ${String(code)}, expected ${expected.code}`);
  if (broken.field !== undefined && broken.field !== '') {
    const named = member(details, 'field');
    const field = typeof named === 'string' ? named : '';
    const names =
      field === broken.field ||
      field.startsWith(`${broken.field}[`) ||
      field.startsWith(`${broken.field}.`) ||
      field.startsWith(`${broken.field}/`);
    if (!names) problems.push(`details.field is ${JSON.stringify(named)}, expected it to name "${broken.field}"`);
  }
  return problems;
}
