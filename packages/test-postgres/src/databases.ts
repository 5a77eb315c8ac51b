/**
 * One empty database per caller on a PostgreSQL server, so test files (and benchmark runs)
 * sharing a server never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A name PostgreSQL takes unquoted: nothing a caller passes can change the statement. */
const plainName = /^[a-z_][a-z0-9_]*$/;

/**
 * Creates an empty database on the server at `serverUrl` (replacing one of the same name)
 * and returns its URL. Without a name it picks a fresh random one (`astral_test_<hex>`).
 *
 * @example
 * ```ts
 * const url = await createDatabase(inject('postgresUrl')!); // postgres://…/astral_test_3f9a…
 * const named = await createDatabase(serverUrl, 'contract_sandbox');
 * ```
 */
export async function createDatabase(serverUrl: string, name = `astral_test_${randomBytes(6).toString('hex')}`): Promise<string> {
  if (!plainName.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name}`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
