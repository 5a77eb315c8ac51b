/**
 * Re-dresses Prism's answers to bad input in the API's own error dialect.
 *
 * Prism finds what is wrong with a request (its `sl-violations` findings) but answers with
 * the contract's fixed 400 example, a problem+json 422, or its HTTP layer's own
 * `{"error": {"code": "invalid_json"}}`. The API answers `{"error", "details": {"code",
 * "field"}}` naming the offending field, and frontend code written against the mock must see
 * that. Everything else Prism answers (examples, `Prefer`, CORS, its 404 for an undeclared
 * `Prefer: code`) passes through untouched.
 */
import { errorBody, errorStatus, methodsAllowedFor } from '@astral/openapi';
import { jsonOf, withJsonBody, type Exchange, type PrismReply } from './exchange.js';
import { parseViolations, requestErrors, violationField, violationMessage, violationsHeader } from './violations.js';

const problemType = (body: unknown): string | undefined =>
  typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string'
    ? (body as { type: string }).type
    : undefined;

/** micri (Prism's HTTP layer) answers unparseable bodies with `{"error": {"code": "invalid_json"}}`. */
const httpLayerCode = (body: unknown): string | undefined => {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;
};

const isProblemJson = (reply: PrismReply): boolean => String(reply.headers['content-type'] ?? '').includes('problem+json');

/**
 * The reply the caller gets from the mock: Prism's own, or, when Prism rejected the
 * request, the API's error for it built from Prism's findings.
 *
 * @example
 * ```ts
 * // Prism: 400 with the contract's static example and
 * // sl-violations: [{"location":["request","query","limit"],"code":"maximum",...}]
 * toApiDialect(exchange).body; // {"error":"limit must be <= 100","details":{"code":"VALIDATION_ERROR","field":"limit"}}
 * ```
 */
export function toApiDialect(exchange: Exchange): PrismReply {
  const { reply } = exchange;
  const body = jsonOf(reply.body);

  const code = httpLayerCode(body);
  if (code === 'invalid_json') {
    return withJsonBody(reply, errorStatus('INVALID_JSON'), errorBody('INVALID_JSON'));
  }
  if (reply.status === 413) {
    return withJsonBody(reply, errorStatus('PAYLOAD_TOO_LARGE'), errorBody('PAYLOAD_TOO_LARGE'));
  }

  const findings = requestErrors(parseViolations(reply.headers[violationsHeader] as string | undefined));
  if (findings.some((v) => String(v.code) === '401')) {
    // The contract's own 401 example is already in the error shape; Prism's generic one is not.
    if (!isProblemJson(reply)) return reply;
    return withJsonBody(reply, errorStatus('UNAUTHORIZED'), errorBody('UNAUTHORIZED'));
  }
  if (findings.length > 0 && [400, 415, 422].includes(reply.status)) {
    const mediaType = findings.find((v) => String(v.code) === '415');
    if (mediaType && reply.status === 415) {
      return withJsonBody(
        reply,
        errorStatus('UNSUPPORTED_MEDIA_TYPE'),
        errorBody('UNSUPPORTED_MEDIA_TYPE', { message: violationMessage(mediaType), field: 'Content-Type' }),
      );
    }
    const first = findings[0]!;
    return withJsonBody(
      reply,
      errorStatus('VALIDATION_ERROR'),
      errorBody('VALIDATION_ERROR', { message: violationMessage(first), field: violationField(first) }),
    );
  }

  if (isProblemJson(reply)) {
    const type = problemType(body) ?? '';
    const detail = (body as { detail?: string }).detail ?? 'Not found';
    if (type.endsWith('#NO_PATH_MATCHED_ERROR')) {
      return withJsonBody(reply, errorStatus('NOT_FOUND'), errorBody('NOT_FOUND', { message: detail }));
    }
    if (type.endsWith('#NO_METHOD_MATCHED_ERROR')) {
      const answer = withJsonBody(reply, errorStatus('METHOD_NOT_ALLOWED'), errorBody('METHOD_NOT_ALLOWED', { message: detail }));
      const allowed = methodsAllowedFor(exchange.url);
      if (allowed.length > 0) answer.headers['allow'] = allowed.join(', ');
      return answer;
    }
  }
  return reply;
}
