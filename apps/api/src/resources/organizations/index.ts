/**
 * The Organizations resource: clubs and companies behind API keys. It stores organizations
 * and their keys; its operations join `handlers` here when the contract gains them.
 */
import { defineResource } from '../module.js';
import { openOrganizationStorage } from './storage.js';

export const organizations = defineResource({
  name: 'organizations',
  storage: openOrganizationStorage,
});
