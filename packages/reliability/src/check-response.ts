/**
 * The oracle every fuzzed, loaded or replayed request goes through: the answer must be one
 * the contract documents for the operation, with a body valid against its schema, errors
 * in the API's shape with a documented code, and nothing internal leaking out.
 */
import {
  codesByStatus,
  errorCatalogue,
  eventSchemaRef,
  textContent,
  isOpen,
  operationTable,
  responseHeaders,
  responseSchemaRef,
  secretBodyFields,
} from './contract.js';
import { operationResponse } from '@astral/openapi/contract';
import { checkEventStream } from './check-event-stream.js';
import { schemaValidator, textValidator } from './schema-validator.js';
import { documentedInProse, documentedRejection } from './documented-in-prose.js';
import type { ApiRequest, ApiResponse } from './exchange.js';

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
  /**
   * Whether every header the contract documents on a response must be there (default true).
   * Server stubs answer examples and know no rate-limit state: for them a documented header
   * is checked only when present.
   */
  requireDocumentedHeaders?: boolean;
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
  const contentType = header(response, 'content-type') ?? '';
  const eventSchema = eventSchemaRef(request.operationId, status);
  const text = eventSchema ? undefined : textContent(request.operationId, status);
  if (eventSchema) {
    problems.push(...checkEventStream(response.body, contentType, eventSchema, status));
  } else if (documentsNoContent(request.operationId, status)) {
    // A response the contract documents without content (a `204`): nothing, and no type.
    if (response.body !== '') problems.push(`body ${JSON.stringify(response.body.slice(0, 200))} where the contract documents none`);
  } else if (text) {
    // A text document (an iCalendar feed): its media type, and its text against its schema.
    if (!contentType.startsWith(text.mediaType)) problems.push(`content-type is "${contentType}", not ${text.mediaType}`);
    if (!schemaValidator(text.schema)(response.body))
      problems.push(`body does not match the contract's ${status} ${text.mediaType} schema`);
  } else {
    try {
      body = JSON.parse(response.body);
    } catch {
      problems.push(`body is not JSON: ${JSON.stringify(response.body.slice(0, 200))}`);
    }
    if (!/^application\/json\b/.test(contentType)) problems.push(`content-type is "${contentType}", not application/json`);
  }

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
  // Every header the contract documents on this response (Retry-After and RateLimit on a
  // 429, RateLimit on a rate-limited operation's success), present and valid.
  for (const [name, schema] of Object.entries(responseHeaders(request.operationId, status))) {
    const value = header(response, name);
    if (value === undefined) {
      if (options.requireDocumentedHeaders !== false) problems.push(`${status} without its documented ${name} header`);
    } else if (!textValidator(schema)(value)) problems.push(`${name} header ${JSON.stringify(value)} does not match the contract`);
  }
  if (!header(response, 'x-request-id')) problems.push('no X-Request-Id header');

  // Success bodies echo what the caller stored (a URL may well end in `.js`): internals
  // can only leak through errors, so the patterns apply to those.
  for (const [what, pattern] of status >= 400 ? leakPatterns : []) {
    if (pattern.test(response.body)) problems.push(`body leaks a ${what}: ${JSON.stringify(response.body.slice(0, 300))}`);
  }
  for (const secret of [...(options.secrets ?? []), ...requestSecrets(request)]) {
    if (secret && response.body.includes(secret)) problems.push(`body echoes a secret (${secret.slice(0, 4)}…)`);
  }

  problems.push(...checkIntent(request, status, body, options));
  return problems;
}

/** Shorter values could turn up in a body by chance (a one-letter password in any word). */
const MIN_SECRET_LENGTH = 8;

/**
 * The secrets a request carries, which its answer must never contain: the credential of
 * its `Authorization` or `X-API-Key` header and the secret fields of its body (passwords,
 * emailed and ID tokens: {@link secretBodyFields}).
 *
 * @example
 * ```ts
 * requestSecrets({ operationId: 'login', method: 'POST', url: '/api/v1/auth/login', headers: {}, body: '{"email":"a@b.co","password":"Tempo-Run-2025"}' });
 * // ["Tempo-Run-2025"]
 * ```
 */
export function requestSecrets(request: ApiRequest): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization') secrets.push(...value.split(/\s+/).slice(1));
    if (name.toLowerCase() === 'x-api-key') secrets.push(value);
  }
  const fields = secretBodyFields(request.operationId);
  if (fields.length > 0 && typeof request.body === 'string') {
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      body = undefined;
    }
    for (const field of fields) {
      const value = member(body, field);
      if (typeof value === 'string') secrets.push(value);
    }
  }
  return secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

/** `value[key]` when `value` is a JSON object or array, else `undefined`: how a parsed body of unknown shape is read. */
function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Codes with which a well-formed request is refused for what it is, not how it is written. */
const requestShapeCodes = new Set(['VALIDATION_ERROR', 'INVALID_JSON']);

/**
 * Whether a schema-valid request was refused as malformed or unauthenticated. Not so: a
 * 400 with another code (`INVALID_TOKEN`: a well-formed emailed token that is unknown or
 * used), or a 401 from an open operation (login: the body's password is wrong, no
 * credential was needed), both documented answers to what the request says.
 */
function refusedAsInvalid(request: ApiRequest, status: number, details: unknown): boolean {
  if (status === 400) return requestShapeCodes.has(String(member(details, 'code')));
  if (status === 401) return !isOpen(request.operationId);
  return status === 413 || status === 415;
}

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
    if (
      status === 400 &&
      member(details, 'code') === 'VALIDATION_ERROR' &&
      documentedInProse(request.operationId, String(member(details, 'field')))
    )
      return [];
    return refusedAsInvalid(request, status, details)
      ? [`a request the contract accepts was refused ${status} ${JSON.stringify(details ?? body)}`]
      : [];
  }
  const expected =
    broken.location === 'content-type'
      ? { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }
      : { status: 400, code: broken.code ?? (broken.kind === 'malformed-json' ? 'INVALID_JSON' : 'VALIDATION_ERROR') };
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

/** Whether the contract documents this response without any content (a `204`). */
function documentsNoContent(id: ApiRequest['operationId'], status: number): boolean {
  const response = operationResponse(id, status) as { content?: object } | undefined;
  return response !== undefined && response.content === undefined;
}
