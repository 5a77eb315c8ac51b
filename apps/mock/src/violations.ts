/**
 * Prism's validation findings, as it reports them in the `sl-violations` response header,
 * and the API field each one is about.
 */

/** One finding of Prism's validator (an entry of the `sl-violations` header). */
export interface Violation {
  /** Where: `["request", "query", "limit"]`, `["request", "body", "race_variants", "0"]`, `["response", "body"]`. */
  location: string[];
  severity: 'Error' | 'Warning' | 'Information' | 'Hint' | (string & {});
  /** Ajv keyword (`maximum`, `required`, `additionalProperties`...) or an HTTP status (401, 415). */
  code?: string | number;
  message: string;
}

/** The name of the header Prism writes its findings to. */
export const violationsHeader = 'sl-violations';

/**
 * Parses an `sl-violations` header value. Prism truncates very long values behind a
 * "Too many violations!" prefix; such a value yields one synthetic finding saying so.
 *
 * @example
 * ```ts
 * parseViolations('[{"location":["request","query","limit"],"severity":"Error","code":"maximum","message":"..."}]');
 * // [{ location: ['request', 'query', 'limit'], ... }]
 * ```
 */
export function parseViolations(header: string | string[] | undefined): Violation[] {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as Violation[]) : [];
  } catch {
    return [{ location: [], severity: 'Error', code: 'truncated', message: value.slice(0, 200) }];
  }
}

/** The findings about the request (as opposed to the response), errors only. */
export function requestErrors(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.location[0] === 'request' && v.severity === 'Error');
}

/** `["race_variants", "0", "name"]` → `race_variants[0].name`, the way the API names fields. */
function pathToField(parts: readonly string[]): string {
  return parts.reduce((field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : field ? `${field}.${part}` : part), '');
}

/** The property a `required` or `additionalProperties` finding names in its message. */
function quotedProperty(message: string): string | undefined {
  return /(?:required property|found) '([^']+)'/.exec(message)?.[1];
}

/**
 * The request field or parameter a finding is about, named as the API names it:
 * `limit`, `race_id`, `race_name`, `race_variants[0]`; `Content-Type` for a media-type
 * finding; undefined when the finding is about the request as a whole (an empty update).
 *
 * @example
 * ```ts
 * violationField({ location: ['request', 'query', 'limit'], severity: 'Error', code: 'maximum', message: '' }); // "limit"
 * violationField({ location: ['request', 'body'], severity: 'Error', code: 'required',
 *   message: "Request body must have required property 'race_name'" }); // "race_name"
 * ```
 */
export function violationField(violation: Violation): string | undefined {
  const [, part, ...rest] = violation.location;
  if (violation.code === 415 || violation.code === '415') return 'Content-Type';
  if (part === 'body') {
    const inner = pathToField(rest);
    const named =
      violation.code === 'required' || violation.code === 'additionalProperties' ? quotedProperty(violation.message) : undefined;
    if (named) return inner ? `${inner}.${named}` : named;
    return inner || undefined;
  }
  if (part === 'query' || part === 'path' || part === 'header') return rest[0];
  return undefined;
}

/**
 * A caller-facing message for a finding: Prism's own wording without its
 * "Request query parameter" / "Request body property" preamble.
 *
 * @example
 * ```ts
 * violationMessage({ location: ['request', 'query', 'limit'], severity: 'Error', code: 'maximum',
 *   message: 'Request query parameter limit must be <= 100' }); // "limit must be <= 100"
 * ```
 */
export function violationMessage(violation: Violation): string {
  const field = violationField(violation);
  return violation.message
    .replace(/^Request (query|path|header) parameter /, '')
    .replace(/^Request body property \S+ /, field ? `${field} ` : '')
    .replace(/^Request body must have required property '([^']+)'$/, '$1 is required')
    .replace(/^Request body must NOT have additional properties; found '([^']+)'$/, '$1 is not a known field')
    .replace(/^Request body /, 'The request body ');
}

/** One line per finding, for logs: `request.query.limit maximum: Request query parameter limit must be <= 100`. */
export function formatViolation(violation: Violation): string {
  const code = violation.code === undefined ? violation.severity.toLowerCase() : violation.code;
  return `${violation.location.join('.') || '(request)'} ${code}: ${violation.message}`;
}
