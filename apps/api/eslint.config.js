// The shared config, plus the API's layers as a rule (docs/ARCHITECTURE.md, "apps/api:
// layers"): a file imports only its own layer and those below it, type imports included
// (which import-x/no-cycle does not follow), so no import arrow points back up.
import { astralConfig } from '@astral/eslint-config';

/** The top of the app: the module list and the composition, the seed, the entry points. */
const composition = [
  './src/resources/index.ts',
  './src/repository.ts',
  './src/seed',
  './src/app.ts',
  './src/admin.ts',
  './src/main.ts',
  './src/config.ts',
  './src/map-error.ts',
];

/** Storages every resource shares (they serve no operation): above storage/, below the resources. */
const sharedStorages = ['email', 'idempotency', 'rate-limits'];

/** The Organizations family's concept folders: composed by organizations/index.ts, never importing it. */
const organizationConcepts = ['organization', 'members', 'groups', 'api-keys', 'invitations', 'audit'];

const zones = [
  {
    target: './src/domain',
    from: './src',
    except: ['./domain'],
    message: 'domain/ is the bottom layer (ids, errors, time, Principal): it imports nothing of the API.',
  },
  {
    target: './src/storage',
    from: './src',
    except: ['./storage', './domain'],
    message: 'storage/ (dialects, migrations, statement cache) knows no resource: it imports only domain/.',
  },
  ...sharedStorages.map((folder) => ({
    target: `./src/${folder}`,
    from: './src',
    except: [`./${folder}`, './storage', './domain'],
    message: `${folder}/ is a shared storage below every resource: it imports only storage/ and domain/.`,
  })),
  {
    target: './src/resources',
    from: composition,
    message:
      'A resource does not import the module list, the repository, the seed or the app: its services receive the storages they need (ResourceContext<{ ... }>).',
  },
  {
    target: organizationConcepts.map((folder) => `./src/resources/organizations/${folder}`),
    from: './src/resources/organizations/index.ts',
    message:
      "An organization concept does not import the family's module (organizations/index.ts), which composes it: its service receives OrganizationParts (parts.ts).",
  },
  {
    target: './src/seed',
    from: composition.filter((path) => path !== './src/seed'),
    message: 'The seed sits above the resources and below the composition, which runs it.',
  },
];

export default [
  ...astralConfig({ root: import.meta.dirname }),
  { files: ['src/**/*.ts'], rules: { 'import-x/no-restricted-paths': ['error', { zones }] } },
];
