/**
 * Credential administration for a real (production) database, where nothing is seeded:
 * `node dist/admin.js <command> [options]`, on the database `config.ts` points at.
 * Secrets are printed once and stored hashed; they cannot be shown again.
 *
 *   create-organization --id org_x --username x --name "X Club"
 *   create-user --id usr_x --username x --name "X" --role athlete|coach|admin [--email e] [--organization org_x]
 *   issue-token --user usr_x [--expires 2027-01-01T00:00:00Z]      prints a new Bearer token
 *   issue-api-key --organization org_x                             prints a new X-API-Key
 *   revoke-token --token <bearer token>                            effective on every instance's next request
 *   revoke-api-key --key <api key>
 */
import { parseArgs } from 'node:util';
import { contract } from '@astral/openapi/contract';
import { resolveRef } from '@astral/openapi/reader';
import { pathToFileURL } from 'node:url';
import { readConfig } from './config.js';
import { parseInstant } from './domain/time.js';
import { hashCredential, newSecret } from './resources/auth/credentials.js';
import type { PlatformRole } from './resources/users/model.js';
import { openPostgresRepository, openSqliteRepository, type Repository } from './repository.js';

const usage = `usage: node dist/admin.js <command> [options]
  create-organization --id org_<letters/digits> --username <handle> --name <display name>
  create-user --id usr_<letters/digits> --username <handle> --name <display name> --role athlete|coach|admin [--email <email>] [--organization org_...]
  issue-token --user usr_... [--expires <ISO 8601 date-time>]
  issue-api-key --organization org_...
  revoke-token --token <bearer token>
  revoke-api-key --key <api key>`;

const roles: ReadonlyArray<PlatformRole> = ['athlete', 'coach', 'admin'];

/** An invalid invocation; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function required(values: Record<string, string | undefined>, name: string, pattern?: RegExp): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  if (pattern && !pattern.test(value)) throw new UsageError(`--${name} must match ${pattern}`);
  return value;
}

/** The `pattern` of a string schema of the contract, as a RegExp. */
function contractPattern(schema: 'Username' | 'DisplayName'): RegExp {
  const { pattern, maxLength } = resolveRef<{ pattern: string; maxLength: number }>(contract, { $ref: `#/components/schemas/${schema}` });
  return new RegExp(`^(?=.{1,${maxLength}}$)(?:${pattern})$`, 'u');
}

/**
 * Runs one admin command against a repository and returns what to print.
 *
 * @example
 * ```ts
 * const output = await runAdmin(['issue-api-key', '--organization', 'org_alpineclub'], repository);
 * // "X-API-Key: key_..." (store it now: only its hash is kept)
 * ```
 */
export async function runAdmin(argv: string[], repository: Repository): Promise<string> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      id: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      organization: { type: 'string' },
      user: { type: 'string' },
      expires: { type: 'string' },
      token: { type: 'string' },
      key: { type: 'string' },
    },
    strict: true,
  });
  switch (command) {
    case 'create-organization': {
      const organization_id = required(values, 'id', /^org_[A-Za-z0-9]{1,64}$/);
      await repository.organizations.create({
        organization_id,
        username: required(values, 'username'),
        display_name: required(values, 'name'),
      });
      return `created organization ${organization_id}`;
    }
    case 'create-user': {
      const user_id = required(values, 'id', /^usr_[A-Za-z0-9]{1,64}$/);
      const role = required(values, 'role') as PlatformRole;
      if (!roles.includes(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
      // The same rules as sign-up and PUT /users: a user the CLI makes must read back through the API.
      await repository.users.create({
        user_id,
        username: required(values, 'username', contractPattern('Username')),
        display_name: required(values, 'name', contractPattern('DisplayName')),
        email: values.email ?? null,
        role,
        organization_id: values.organization ?? null,
      });
      return `created user ${user_id} (${role})`;
    }
    case 'issue-token': {
      const user = required(values, 'user', /^usr_[A-Za-z0-9]{1,64}$/);
      let expires: string | undefined;
      if (values.expires !== undefined) {
        const ms = parseInstant(values.expires);
        if (ms === undefined) throw new UsageError('--expires must be an ISO 8601 date-time');
        expires = new Date(ms).toISOString();
      }
      const token = newSecret('accessToken');
      await repository.users.addAccessToken(user, hashCredential(token), expires);
      return `Authorization: Bearer ${token}\n(store it now: only its hash is kept)`;
    }
    case 'issue-api-key': {
      const organization = required(values, 'organization', /^org_[A-Za-z0-9]{1,64}$/);
      const key = newSecret('apiKey');
      // The first 16 characters, as the API records for the keys it makes, so the list shows it.
      await repository.organizations.addApiKey(organization, hashCredential(key), { prefix: key.slice(0, 16) });
      return `X-API-Key: ${key}\n(store it now: only its hash is kept)`;
    }
    // Revocation is a row in the shared database: every instance checks it on each request.
    case 'revoke-token': {
      const revoked = await repository.users.revokeAccessToken(hashCredential(required(values, 'token')), new Date().toISOString());
      return revoked ? 'token revoked' : 'no active token matches';
    }
    case 'revoke-api-key': {
      const revoked = await repository.organizations.revokeApiKey(hashCredential(required(values, 'key')), new Date().toISOString());
      return revoked ? 'API key revoked' : 'no active API key matches';
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = readConfig();
  // The same database as the API (DATABASE_URL or the SQLite file): a revocation here is a
  // row every instance reads on its next request.
  const repository = config.databaseUrl
    ? openPostgresRepository({ url: config.databaseUrl, poolSize: 1 })
    : openSqliteRepository(config.inMemory ? { inMemory: true } : { dataDir: config.dataDir });
  runAdmin(process.argv.slice(2), repository)
    .then((output) => {
      process.stdout.write(`${output}\n`);
      process.exitCode = 0;
    })
    .catch((error: unknown) => {
      const usageProblem =
        error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
      process.stderr.write(
        `astral-api admin: ${error instanceof Error ? error.message : String(error)}\n${usageProblem ? `${usage}\n` : ''}`,
      );
      process.exitCode = usageProblem ? 2 : 1;
    })
    .finally(() => repository.close());
}
