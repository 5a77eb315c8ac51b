/** What every service of the Organizations family is given (composed once, in index.ts). */
import type { Transactional } from '../../storage/transactional.js';
import type { Authorize } from './permissions.js';
import type { OrganizationStorages } from './storage.js';

export interface OrganizationParts {
  /** The storages the services read and write, and transactions over them (the app's whole repository is one). */
  repository: Transactional<OrganizationStorages>;
  /** The one check of the contract's permission matrix (permissions.ts), asked before acting. */
  authorize: Authorize;
  /** The clock. */
  now: () => Date;
}
