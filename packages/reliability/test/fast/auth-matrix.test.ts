// Every operation x every way of presenting credentials: exactly the documented status (on
// an open operation, exactly the answer without credentials), WWW-Authenticate on every 401,
// and every answer valid against the contract. Cells that spend a session (refresh, logout)
// get a session of their own; cells of open operations get bodies of their own (a fresh
// email address each), so rate limits and single-use tokens never carry from cell to cell.
// Runs on SQLite (a file) and PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  AS_ANONYMOUS,
  accepts,
  actsOnPrincipal,
  authMatrix,
  bodyCarriesCredentials,
  cellRequest,
  checkResponse,
  credentialCases,
  formatReproducer,
  governedOperations,
  organizationMatrix,
  permissionsOf,
  isOpen,
  looksUp,
  operationIds,
  operationTable,
  parameters,
  propertiesOf,
  queryCredentialParameters,
  requestBodySchema,
  spendsSession,
  storageShare,
  type ApiRequest,
  type ApiResponse,
  type MatrixCell,
  type OperationId,
} from '../../src/index.js';
import { describeOnDatabases, laneDatabase } from '../support/lanes.js';
import { principals, principalsWithSessions, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';
import { createTarget } from '../support/targets.js';

/** The lane's API (set by each lane's beforeAll; lanes run one after the other). */
let api: ReferenceApi;

const cases = credentialCases(principalsWithSessions(() => api));
// Operations whose answer depends on the caller's role in an organization have their own
// matrix (organization-matrix.test.ts); this one covers every other operation.
const governed = new Set(governedOperations());
const ungoverned = operationIds.filter((id) => !governed.has(id));
// The activities state rows too, but their answer to a valid credential turns on the athlete's
// privacy flags (a stranger gets a 404, a key names the athlete): apps/api's
// activities-access test runs those reader by reader; here they get every credential failure.
const ownMatrix = new Set(ungoverned.filter((id) => permissionsOf(id) !== undefined));
const fullCells = authMatrix(cases, ungoverned);
const cells = fullCells.filter((cell) => !ownMatrix.has(cell.operationId) || cell.expectStatus === 401);

/** The path's values from the contract's parameter examples. */
function examplePathValues(id: OperationId): Record<string, string> {
  const path = parameters(id).filter((parameter) => parameter.in === 'path');
  return Object.fromEntries(path.map((parameter) => [parameter.name, String(parameter.example)]));
}

/** Sends, checks against the contract (and `status`, when given), and fails with a reproducer. */
async function answer(request: ApiRequest, status?: number): Promise<ApiResponse> {
  const response = await api.send(request);
  const problems = checkResponse(request, response, { secrets, ...(status === undefined ? {} : { expectStatus: [status] }) });
  expect(problems, `${problems.join('\n')}\n${formatReproducer(request)}\n→ ${response.status} ${response.body}`).toEqual([]);
  if (response.status === 401) expect(response.headers['www-authenticate']).toMatch(/Bearer/);
  return response;
}

/**
 * What an answer says, without what differs between two fresh requests (ids, tokens,
 * dates): the status, and the error's details or the success body's field names.
 */
function gist(response: ApiResponse): unknown {
  const body = JSON.parse(response.body) as Record<string, unknown>;
  return { status: response.status, ...(response.status >= 400 ? { details: body.details } : { fields: Object.keys(body).sort() }) };
}

/** An account for a body that carries its own credentials (login): its email, signed up with its password. */
async function provisionAccount(request: ApiRequest): Promise<void> {
  const body = JSON.parse(request.body as string) as Record<string, string>;
  const fields = Object.entries(propertiesOf(requestBodySchema(request.operationId)!));
  const email = fields.find(([, schema]) => schema.format === 'email')?.[0];
  const password = fields.find(([, schema]) => schema.format === 'password')?.[0];
  await api.signUp(body[email!]!, body[password!]!);
}

/** One request of an open operation's cell, with its account made first when its body signs in. */
async function openRequest(cell: MatrixCell, target: Record<string, string>, tag: string, headers: Record<string, string>) {
  const request = cellRequest(cell, target, tag, headers);
  if (bodyCarriesCredentials(cell.operationId)) await provisionAccount(request);
  return request;
}

describeOnDatabases('auth matrix (every operation x every credential case) on $name', (lane) => {
  // SQLite runs every cell; PostgreSQL the cells whose credential reaches the storage, and one
  // per operation of those refused before any lookup (they answer the same on any database).
  const laneCells = lane.name === 'sqlite' ? cells : storageShare(cells);
  beforeAll(async () => {
    api = await startReferenceApi(lane.name === 'sqlite' ? {} : { databaseUrl: await laneDatabase(lane) });
  });
  afterAll(() => api?.close());

  it('covers every operation with every credential case, but for strangers to a resource its owner cannot reach', () => {
    const dropped = ungoverned.flatMap((id) =>
      cases
        .filter((c) => c.acting === 'stranger' && actsOnPrincipal(id) && !accepts(id, c.ownerHeaders ?? {}))
        .map((c) => `${id}/${c.name}`),
    );
    expect(ungoverned.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.operationId)).size).toBe(ungoverned.length);
    expect(ungoverned.length + governedOperations().length).toBe(operationIds.length);
    expect(cases.length).toBeGreaterThanOrEqual(16);
    expect(fullCells.length).toBe(ungoverned.length * cases.length - dropped.length);
    expect(cells.length).toBeGreaterThanOrEqual((ungoverned.length - ownMatrix.size) * 15);
    expect(cells.filter((c) => ownMatrix.has(c.operationId)).length).toBeGreaterThanOrEqual(ownMatrix.size * 5);
    console.log(
      `auth matrix: ${ungoverned.length} operations x ${cases.length} credential cases = ${cells.length} cells (${dropped.length} not applicable: ${dropped.join(', ')}); ${governedOperations().length} organization operations in their own matrix`,
    );
  });

  it('derives each rule from the contract: open operations ignore credentials, a valid credential of a scheme not accepted is a 403, a token without a session cannot spend one', () => {
    for (const cell of cells) {
      const { operationId: id, credentials } = cell;
      if (isOpen(id)) expect(cell.expectStatus, `${id}/${credentials.name}`).toBe(AS_ANONYMOUS);
      else if (!accepts(id, credentials.headers))
        expect(cell.expectStatus, `${id}/${credentials.name}`).toBe(credentials.acting === 'anonymous' ? 401 : 403);
      else if (spendsSession(id) && credentials.acting !== 'anonymous')
        expect(cell.expectStatus, `${id}/${credentials.name}`).toBe(credentials.session ? operationTable[id].successStatus : 403);
    }
    expect(cells.some((c) => isOpen(c.operationId))).toBe(true);
    expect(cells.some((c) => spendsSession(c.operationId) && c.expectStatus === 403)).toBe(true);
  });

  it('refuses a credential of a query scheme (feed_token) 401 everywhere: unknown or malformed where listed, unread elsewhere', () => {
    const names = Object.values(queryCredentialParameters());
    expect(names).toEqual(['feed_token']);
    const inQuery = cells.filter((c) => names.some((name) => c.credentials.query?.[name] !== undefined));
    expect(inQuery.length).toBeGreaterThan(0);
    const listing = operationIds.filter((id) => accepts(id, {}, Object.fromEntries(names.map((name) => [name, 't']))));
    expect(listing).toEqual(['getTrainingPlanInstanceCalendar']);
    expect(inQuery.filter((c) => listing.includes(c.operationId)).length).toBeGreaterThanOrEqual(2);
    expect(inQuery.filter((c) => !isOpen(c.operationId)).every((c) => c.expectStatus === 401)).toBe(true);
  });

  it('has, for every operation that lists apiKeyAuth, a cell where a valid key succeeds (here or in the organization matrix)', () => {
    const key = Object.keys(principals.apiKey);
    const listsKey = operationIds.filter((id) => !isOpen(id) && accepts(id, Object.fromEntries(key.map((name) => [name, 'k']))));
    expect(listsKey.length).toBeGreaterThan(0);
    const succeeds = new Set([
      ...cells
        .filter((c) => c.credentials.name === 'valid API key' && c.expectStatus === operationTable[c.operationId].successStatus)
        .map((c) => c.operationId),
      ...organizationMatrix()
        .filter((c) => c.caller === 'api_key' && c.expectStatus === operationTable[c.operationId].successStatus)
        .map((c) => c.operationId),
    ]);
    // The activities' key cells are apps/api's activities-access test's (the key reads, changes and logs for its athletes).
    expect(listsKey.filter((id) => !succeeds.has(id) && !ownMatrix.has(id))).toEqual([]);
  });

  it('runs, on this lane, every cell whose credential the API looks up, and every operation', () => {
    expect(laneCells.filter((c) => looksUp(c.credentials))).toEqual(cells.filter((c) => looksUp(c.credentials)));
    expect(cells.some((c) => !looksUp(c.credentials))).toBe(true);
    expect(new Set(laneCells.map((c) => c.operationId))).toEqual(new Set(ungoverned));
    console.log(`auth matrix on ${lane.name}: ${laneCells.length} of ${cells.length} cells`);
  });

  it.each(
    laneCells.map((cell, index) => [`${cell.operationId} with ${cell.credentials.name} → ${cell.expectStatus}`, cell, index] as const),
  )('%s', async (_name, cell, index) => {
    const headers = cell.credentials.fresh ? await cell.credentials.fresh() : cell.credentials.headers;
    // A credential the operation does not accept owns nothing there (the cell expects a
    // 401 or 403 whatever the target): the development user's resource stands in.
    const owner = cell.credentials.ownerHeaders ?? headers;
    // An operation with its own matrix runs only its 401 cells here: refused before any
    // lookup, so the contract's example ids stand in (a training plan has coaches as creators).
    const target = ownMatrix.has(cell.operationId)
      ? examplePathValues(cell.operationId)
      : await createTarget(api.send, cell.operationId, accepts(cell.operationId, owner) ? owner : principals.user);
    if (cell.expectStatus !== AS_ANONYMOUS) {
      await answer(cellRequest(cell, target, `m${index}`, headers), cell.expectStatus);
      return;
    }
    // Open: the same request without credentials (and its own fresh body) is the yardstick.
    const bare = { ...cell, credentials: { ...cell.credentials, headers: {}, query: {} } };
    const without = await answer(await openRequest(bare, target, `m${index}bare`, {}));
    const withCredentials = await answer(await openRequest(cell, target, `m${index}`, headers));
    expect([401, 403], 'an open operation refused the request for its credentials').not.toContain(without.status);
    expect(gist(withCredentials), `${cell.operationId} answered otherwise with ${cell.credentials.name}`).toEqual(gist(without));
  });
});
