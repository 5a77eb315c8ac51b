/**
 * The Activities answers a schema cannot give (also written in the contract's descriptions):
 * an activity the caller may not read is not found; a list or a new activity for someone the
 * caller may not read or coach is forbidden on `user_id`; a reader who may not change is
 * forbidden; a key names the athlete; a plan instance an activity names is one of its athlete's.
 */
import { ForbiddenError, InvalidError, NotFoundError } from '../../domain/errors.js';

/** The activity does not exist, or the caller may not read it (404 on `activity_id`). */
export const activityNotFound = (): NotFoundError => new NotFoundError('activity', 'activity_id');

/** Another user's activities without the right to read them (403 on `user_id`, whether or not the user exists). */
export const mayNotRead = (): ForbiddenError => new ForbiddenError('You may not read the activities of this user', 'user_id');

/** Logging for someone the caller does not coach (403 on `user_id`). */
export const mayNotLog = (): ForbiddenError => new ForbiddenError('You may not log activities for this user', 'user_id');

/** A reader who may not `change` or `delete` the activity (403). */
export const readOnly = (action: 'change' | 'delete'): ForbiddenError =>
  new ForbiddenError(`You may read this activity but not ${action} it`);

/** A `plan_instance_id` that is no plan instance of the activity's athlete (404 on `plan_instance_id`). */
export const planInstanceNotFound = (): NotFoundError => new NotFoundError('plan instance', 'plan_instance_id');

/** An API key has no activities of its own (400 on `user_id`). */
export const keyNamesAthlete = (): InvalidError =>
  new InvalidError('user_id', 'An API key has no activities of its own: name the athlete with user_id');
