/**
 * The domain's types, taken from the contract (never hand-written): a race as the API
 * returns it, the bodies that create and change one, and the caller's profile.
 */
import type { components } from '@astral/openapi';

export type Race = components['schemas']['Race'];
export type RaceCreate = components['schemas']['RaceCreate'];
export type RaceUpdate = components['schemas']['RaceUpdate'];
export type RaceType = components['schemas']['RaceType'];
export type RaceFilters = components['schemas']['RaceFilters'];
export type ErrorCode = components['schemas']['ErrorCode'];

/**
 * Who is calling: a user (Bearer token) or an organization (API key). It is exactly the
 * profile `GET /auth/me` returns, so the handler returns it as is.
 */
export type Principal = components['schemas']['UserProfile'];

/** A race as stored: everything but the live `participants_count`. */
export type StoredRace = Omit<Race, 'participants_count'>;
