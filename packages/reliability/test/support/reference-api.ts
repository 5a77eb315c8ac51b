// The reference API in-process on a temporary data directory, with the principals the
// security checks need beyond the dev seed: a second athlete, and an expired and a revoked
// token. The API has no endpoint to revoke a token, so the revoked one is marked in its
// SQLite file directly (its storage keeps SHA-256 hashes of credentials). Real accounts and
// sessions are made through the API itself (sign-up by emailed link), the emails read from
// the API's outbox: with no SMTP_URL they stay queued there, where the app wrote them.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { createApp, devCredentials, newSecret } from '@astral/api';
import {
  basePath,
  databaseFiles,
  injectTransport,
  operationTable,
  queryCredentialParameters,
  removeDataDir,
  tempDataDir,
  type MatrixPrincipals,
  type OperationId,
  type Send,
} from '../../src/index.js';

const sha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export const OTHER_ATHLETE_TOKEN = 'rel-other-athlete-token';
export const EXPIRED_TOKEN = 'rel-expired-token';
export const REVOKED_TOKEN = 'rel-revoked-token';

export const athlete = { authorization: `Bearer ${devCredentials.athleteToken}` };
export const admin = { authorization: `Bearer ${devCredentials.adminToken}` };
export const orgKey = { 'x-api-key': devCredentials.organizationKey };
export const otherAthlete = { authorization: `Bearer ${OTHER_ATHLETE_TOKEN}` };

/** A well-formed calendar feed token no feed has (the API keeps none: it is made here). */
export const UNKNOWN_FEED_TOKEN = newSecret('calendarFeed');

/** Every credential value a body must never echo. */
export const secrets = [
  devCredentials.athleteToken,
  devCredentials.adminToken,
  devCredentials.organizationKey,
  OTHER_ATHLETE_TOKEN,
  EXPIRED_TOKEN,
  REVOKED_TOKEN,
  UNKNOWN_FEED_TOKEN,
];

/** A password the contract's rules accept (NewPassword), for the accounts the suite signs up. */
export const PASSWORD = 'Tempo-Run-2025';

export const principals: MatrixPrincipals = {
  user: athlete,
  apiKey: orgKey,
  otherUser: otherAthlete,
  revoked: [
    { name: 'expired token', headers: { authorization: `Bearer ${EXPIRED_TOKEN}` } },
    { name: 'revoked token', headers: { authorization: `Bearer ${REVOKED_TOKEN}` } },
  ],
  // Each query scheme of the contract (`feed_token`): an unknown and a malformed credential.
  queryCredentials: Object.entries(queryCredentialParameters()).flatMap(([scheme, name]) => [
    { name: `unknown ${scheme} in the query string`, query: { [name]: UNKNOWN_FEED_TOKEN } },
    { name: `malformed ${scheme} in the query string`, query: { [name]: `${UNKNOWN_FEED_TOKEN.slice(0, -1)}!` } },
  ]),
};

/**
 * {@link principals} plus `signIn`: a brand-new account, signed up through `api()`, per call.
 * `api` is read at call time, as the matrix is built before the API starts.
 */
export function principalsWithSessions(api: () => ReferenceApi): MatrixPrincipals {
  let accounts = 0;
  return {
    ...principals,
    signIn: async () => (await api().signUp(`rel.session${++accounts}@example.com`, PASSWORD)).headers,
  };
}

/** An account the suite signed up, signed in. */
export interface Account {
  userId: string;
  email: string;
  token: string;
  headers: Record<string, string>;
}

export interface ReferenceApi {
  app: ReturnType<typeof createApp>['app'];
  repository: ReturnType<typeof createApp>['repository'];
  send: Send;
  dataDir: string;
  /** The tokens of every link emailed to `address` so far (oldest first), read from the outbox. */
  emailedTokens(address: string): Promise<string[]>;
  /** Signs up `email` with `password` through the API (request-verification, the emailed token, complete-signup). */
  signUp(email: string, password: string): Promise<Account>;
  close(): Promise<void>;
}

const hour = 3600_000;
/** The token of each link in an email's plain text (`?token=...`, as the contract's Emails section says). */
const linkTokens = (text: string) => [...text.matchAll(/[?&]token=([A-Za-z0-9_-]+)/g)].map((match) => match[1]!);

/** A JSON request to an operation's path (no path parameters). */
const post = (operationId: OperationId, body: unknown, headers: Record<string, string> = {}) => ({
  operationId,
  method: operationTable[operationId].method.toUpperCase(),
  url: `${basePath}${operationTable[operationId].path}`,
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * Starts the API in-process: on a SQLite file by default, in memory with `inMemory` (for the
 * fuzz and the organization matrix, where durability is not the point and fsyncs would
 * dominate the run time), or on PostgreSQL with `databaseUrl` (the postgres lane). Off the
 * SQLite file, the revoked token is revoked through the storage.
 */
export async function startReferenceApi(options: { inMemory?: boolean; databaseUrl?: string | undefined } = {}): Promise<ReferenceApi> {
  const dataDir = tempDataDir();
  const onFile = !options.inMemory && !options.databaseUrl;
  const api = createApp(
    options.databaseUrl
      ? { mode: 'test', databaseUrl: options.databaseUrl, poolSize: 4 }
      : options.inMemory
        ? { mode: 'test', inMemory: true }
        : { mode: 'test', dataDir },
  );
  await api.app.ready();
  const { users } = api.repository;
  await users.create({
    user_id: 'usr_relother',
    username: 'rel_other',
    display_name: 'Other Athlete',
    email: null,
    role: 'athlete',
    organization_id: null,
  });
  await users.addAccessToken('usr_relother', sha256(OTHER_ATHLETE_TOKEN));
  await users.addAccessToken('usr_relother', sha256(EXPIRED_TOKEN), '2000-01-01T00:00:00.000Z');
  await users.addAccessToken('usr_relother', sha256(REVOKED_TOKEN));
  // On a file, marked in the SQLite file itself; elsewhere, through the storage.
  if (onFile) revoke(dataDir, sha256(REVOKED_TOKEN));
  else await users.revokeAccessToken(sha256(REVOKED_TOKEN), '2000-01-01T00:00:00.000Z');
  const send = injectTransport(api.app);
  // Claimed emails are gone from the outbox for good (a year's lease), so they are kept here by address.
  const mailbox = new Map<string, string[]>();
  const emailedTokens = async (address: string) => {
    const due = await api.repository.outbox.claimDue(new Date(Date.now() + 48 * hour), { limit: 1000, leaseMs: 365 * 24 * hour });
    for (const email of due)
      mailbox.set(email.to.toLowerCase(), [...(mailbox.get(email.to.toLowerCase()) ?? []), ...linkTokens(email.text)]);
    return mailbox.get(address.toLowerCase()) ?? [];
  };
  const expectStatus = (what: string, response: { status: number; body: string }, status: number) => {
    if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${response.body.slice(0, 300)}`);
  };
  return {
    app: api.app,
    repository: api.repository,
    send,
    dataDir,
    emailedTokens,
    async signUp(email, password) {
      expectStatus('requestVerification', await send(post('requestVerification', { email })), 200);
      const token = (await emailedTokens(email)).at(-1);
      if (!token) throw new Error(`no verification email to ${email} in the outbox`);
      const created = await send(post('completeSignup', { token, password }));
      expectStatus('completeSignup', created, operationTable.completeSignup.successStatus);
      const { user_id: userId, access_token: accessToken } = JSON.parse(created.body) as { user_id: string; access_token: string };
      return { userId, email, token: accessToken, headers: { authorization: `Bearer ${accessToken}` } };
    },
    async close() {
      await api.close();
      removeDataDir(dataDir);
    },
  };
}

function revoke(dataDir: string, tokenHash: string): void {
  // `new Database(undefined)` would open an empty in-memory database and revoke nothing.
  const [file] = databaseFiles(dataDir);
  if (file === undefined) throw new Error(`no database file in ${dataDir}`);
  const db = new Database(file);
  db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE token_hash = ?').run('2000-01-01T00:00:00.000Z', tokenHash);
  db.close();
}
