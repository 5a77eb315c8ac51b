/**
 * The Users resource: the people behind Bearer tokens. It stores users and their tokens;
 * its operations (`/users/...`) join `handlers` here when the contract gains them.
 */
import { defineResource } from '../module.js';
import { openUserStorage } from './storage.js';

export const users = defineResource({
  name: 'users',
  storage: openUserStorage,
});
