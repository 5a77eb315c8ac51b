/**
 * The errors a domain raises, in its own words: what is missing, refused, clashing or
 * invalid. Nothing here knows HTTP; `map-error.ts` turns them into the API's error
 * responses (code and status from the contract's error catalogue), so services throw and
 * handlers never translate.
 */
import type { RateLimitState } from '@astral/server';

/** Base of every error the domain raises on purpose (anything else is a 500). */
export abstract class DomainError extends Error {
  /** The body field or parameter at fault, when there is one. */
  readonly field: string | undefined;

  constructor(message: string, field?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.field = field;
  }
}

/**
 * The resource does not exist (or the caller may not know it does).
 *
 * @example
 * ```ts
 * throw new NotFoundError('race', 'race_id'); // answered 404 "Race not found" on race_id
 * ```
 */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(
    /** The resource's name in the singular, lower case (`race`, `training plan`). */
    readonly resource: string,
    field?: string,
  ) {
    super(`${resource} not found`, field);
  }
}

/**
 * The caller is known but may not do this.
 *
 * @example
 * ```ts
 * throw new ForbiddenError('Only the creator of this race or an admin may change it');
 * ```
 */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
}

/**
 * The change clashes with what exists (a duplicate, a stale state).
 *
 * @example
 * ```ts
 * throw new ConflictError('A race named Berlin Marathon already exists on 2026-09-27', 'race_name');
 * ```
 */
export class ConflictError extends DomainError {
  override readonly name: string = 'ConflictError';
}

/**
 * Input the contract's schemas cannot refuse (`date_from` after `date_to`, a date that names
 * no instant).
 *
 * @example
 * ```ts
 * throw new InvalidError('date_to', 'date_to must not be earlier than date_from');
 * ```
 */
export class InvalidError extends DomainError {
  override readonly name = 'InvalidError';
  constructor(field: string, message: string) {
    super(message, field);
  }
}

/**
 * The caller could not be signed in: one error, one message, whatever the reason (an unknown
 * address, a wrong password, an inactive account), so the answer tells nothing.
 *
 * @example
 * ```ts
 * throw new UnauthorizedError('Invalid email or password');
 * ```
 */
export class UnauthorizedError extends DomainError {
  override readonly name = 'UnauthorizedError';
}

/**
 * A token sent in the body (an emailed one, a Firebase ID token) is unknown, expired, already
 * used or fails verification.
 *
 * @example
 * ```ts
 * throw new InvalidTokenError('token'); // 400 INVALID_TOKEN on token, the catalogue's message
 * ```
 */
export class InvalidTokenError extends DomainError {
  override readonly name = 'InvalidTokenError';
  constructor(field: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? '', field, options);
  }
}

/**
 * A rate limit is used up: nothing was done.
 *
 * @example
 * ```ts
 * if (!state.allowed) throw new RateLimitedError(state, 'email', 'Too many verification emails for this address');
 * ```
 */
export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  constructor(
    /** Where the caller stands: the policy, and when one more request is allowed. */
    readonly state: RateLimitState,
    field: string,
    message: string,
  ) {
    super(message, field);
  }
}
