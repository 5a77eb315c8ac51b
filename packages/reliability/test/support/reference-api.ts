// The reference API in-process on a temporary data directory, with the principals the
// security checks need beyond the dev seed: a second athlete, and an expired and a revoked
// token. The API has no endpoint to revoke a token, so the revoked one is marked in its
// SQLite file directly (its storage keeps SHA-256 hashes of credentials).
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { createApp, devCredentials } from '@astral/api';
import { databaseFiles, injectTransport, removeDataDir, tempDataDir, type MatrixPrincipals, type Send } from '../../src/index.js';

const sha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export const OTHER_ATHLETE_TOKEN = 'rel-other-athlete-token';
export const EXPIRED_TOKEN = 'rel-expired-token';
export const REVOKED_TOKEN = 'rel-revoked-token';

export const athlete = { authorization: `Bearer ${devCredentials.athleteToken}` };
export const admin = { authorization: `Bearer ${devCredentials.adminToken}` };
export const orgKey = { 'x-api-key': devCredentials.organizationKey };
export const otherAthlete = { authorization: `Bearer ${OTHER_ATHLETE_TOKEN}` };

/** Every credential value a body must never echo. */
export const secrets = [
  devCredentials.athleteToken,
  devCredentials.adminToken,
  devCredentials.organizationKey,
  OTHER_ATHLETE_TOKEN,
  EXPIRED_TOKEN,
  REVOKED_TOKEN,
];

export const principals: MatrixPrincipals = {
  user: athlete,
  apiKey: orgKey,
  otherUser: otherAthlete,
  revoked: [
    { name: 'expired token', headers: { authorization: `Bearer ${EXPIRED_TOKEN}` } },
    { name: 'revoked token', headers: { authorization: `Bearer ${REVOKED_TOKEN}` } },
  ],
};

export interface ReferenceApi {
  app: ReturnType<typeof createApp>['app'];
  send: Send;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts the API in-process. `inMemory` skips the disk (and so the revoked token, which is
 * marked in the file): for the fuzz, where durability is not the point and fsyncs would
 * dominate the run time.
 */
export async function startReferenceApi(options: { inMemory?: boolean } = {}): Promise<ReferenceApi> {
  const dataDir = tempDataDir();
  const api = createApp(options.inMemory ? { mode: 'test', inMemory: true } : { mode: 'test', dataDir });
  await api.app.ready();
  const { users } = api.repository;
  await users.create({
    user_id: 'usr_relother',
    username: 'rel.other',
    display_name: 'Other Athlete',
    email: null,
    role: 'athlete',
    organization_id: null,
  });
  await users.addAccessToken('usr_relother', sha256(OTHER_ATHLETE_TOKEN));
  await users.addAccessToken('usr_relother', sha256(EXPIRED_TOKEN), '2000-01-01T00:00:00.000Z');
  await users.addAccessToken('usr_relother', sha256(REVOKED_TOKEN));
  if (!options.inMemory) revoke(dataDir, sha256(REVOKED_TOKEN));
  return {
    app: api.app,
    send: injectTransport(api.app),
    dataDir,
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
