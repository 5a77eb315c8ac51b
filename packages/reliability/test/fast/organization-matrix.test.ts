// The organizations permission matrix: every operation the contract governs with
// `x-astral-permissions` x every caller (admin, head coach, assistant coach, coach, athlete,
// the organization's API key, a user of no organization, and the head coach, assistant
// coach, athlete and API key of another organization) x, on one member, whom it acts on; plus
// every way of failing to present credentials. Each cell runs in an organization of its own
// (made through the API), so a cell that removes or promotes someone changes nothing another
// cell relies on (the cells of refused callers from outside, which change nothing, share one);
// the other organization is made once per lane, the same way. Every answer is
// checked against the contract as well, and another organization's principals get a 404
// NOT_FOUND carrying nothing of the organization. Runs on SQLite and PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basePath,
  cellRequest,
  checkResponse,
  credentialCases,
  exampleBody,
  formatReproducer,
  governedOperations,
  ofOtherOrganization,
  organizationCallers,
  otherOrganizationCallers,
  organizationMatrix,
  operationTable,
  permissionColumns,
  permissionsOf,
  propertiesOf,
  requestBodySchema,
  representativeCells,
  targetsGroup,
  type ApiRequest,
  type GroupTarget,
  type MemberTarget,
  type OperationId,
  type OrganizationCaller,
  type OrganizationCell,
} from '../../src/index.js';
import { describeOnDatabases, laneDatabase } from '../support/lanes.js';
import { principals, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';
import { secretFromBody } from '@astral/api';

/** A well-formed invitation token per tag (the API refuses any other shape before a lookup). */
const invitationToken = (tag: string) => secretFromBody('invitationToken', sha256(`orgmatrix-invitation-${tag}`).slice(0, 40));

/** The lane's API (set by each lane's beforeAll; lanes run one after the other). */
let api: ReferenceApi;

const sha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
let users = 0;

/** A user made below the API with a token of their own. */
async function newUser(role: 'athlete' | 'admin' = 'athlete'): Promise<{ id: string; headers: Record<string, string> }> {
  const n = ++users;
  const id = `usr_orgmatrix${n}`;
  await api.repository.users.create({
    user_id: id,
    username: `orgmatrix${n}`,
    display_name: `Matrix ${n}`,
    email: null,
    role,
    organization_id: null,
  });
  await api.repository.users.addAccessToken(id, sha256(`orgmatrix-token-${n}`));
  return { id, headers: { authorization: `Bearer orgmatrix-token-${n}` } };
}

async function send(request: ApiRequest, expectStatus?: number) {
  const response = await api.send(request);
  const problems = checkResponse(request, response, { secrets, ...(expectStatus === undefined ? {} : { expectStatus: [expectStatus] }) });
  expect(problems, `${problems.join('\n')}\n${formatReproducer(request)}\n→ ${response.status} ${response.body}`).toEqual([]);
  return response;
}

function request(operationId: OperationId, path: Record<string, string>, headers: Record<string, string>, body?: unknown): ApiRequest {
  const entry = operationTable[operationId];
  const url = `${basePath}${entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(path[name] ?? ''))}`;
  const built: ApiRequest = { operationId, method: entry.method.toUpperCase(), url, headers: { ...headers } };
  if (body !== undefined) {
    built.headers['content-type'] = 'application/json';
    built.body = JSON.stringify(body);
  }
  return built;
}

type Principal = { id: string; headers: Record<string, string> };

/** An organization of its own: every caller, and athletes assigned to each coaching member and to nobody. */
interface World {
  /** The tag it was made with (its key, link and token names). */
  tag: string;
  orgId: string;
  /** The organization's name (unique per world), never to be seen by a caller outside it. */
  name: string;
  callers: Record<Exclude<OrganizationCaller, keyof typeof otherOrganizationCallers>, Principal>;
  athleteOf: Record<'head_coach' | 'assistant_coach' | 'coach', string>;
  unassigned: string;
  /** A user of no organization, to add. */
  free: string;
  /** An API key of the organization (not the callers'), to revoke. */
  keyId: string;
  /** An open invitation link of the organization, to revoke. */
  invitationId: string;
}

async function newWorld(tag: string): Promise<World> {
  const head = await newUser();
  const name = `Matrix Club ${tag}`;
  const created = await send(request('createOrganization', {}, head.headers, { name }), 201);
  const orgId = JSON.parse(created.body).data.org_id as string;
  const key = `orgmatrix-key-${tag}`;
  await api.repository.organizations.addApiKey(orgId, sha256(key));
  const asHead = (operationId: OperationId, path: Record<string, string>, body: unknown) =>
    send(request(operationId, { org_id: orgId, ...path }, head.headers, body), operationTable[operationId].successStatus);
  const member = async (role: 'assistant_coach' | 'coach' | 'athlete') => {
    const user = await newUser();
    await asHead('createOrganizationMember', {}, { user_id: user.id });
    if (role !== 'athlete') await asHead('updateOrganizationMemberRole', { user_id: user.id }, { role });
    return user;
  };
  const assistant = await member('assistant_coach');
  const coach = await member('coach');
  const athlete = await member('athlete');
  const athleteOf = async (coachId: string) => {
    const user = await member('athlete');
    await asHead('updateOrganizationMemberCoach', { user_id: user.id }, { coach_id: coachId });
    return user.id;
  };
  return {
    tag,
    orgId,
    name,
    callers: {
      admin: await newUser('admin'),
      head_coach: head,
      assistant_coach: assistant,
      coach,
      athlete,
      api_key: { id: orgId, headers: { 'x-api-key': key } },
      outsider: await newUser(),
    },
    athleteOf: { head_coach: await athleteOf(head.id), assistant_coach: await athleteOf(assistant.id), coach: await athleteOf(coach.id) },
    unassigned: (await member('athlete')).id,
    free: (await newUser()).id,
    keyId: await extraKey(orgId, tag),
    invitationId: await openInvitation(orgId, tag),
  };
}

/** A second key of the organization, made below the API (its id only is needed). */
async function extraKey(orgId: string, tag: string): Promise<string> {
  const keyId = `key_orgmatrix${tag}`;
  await api.repository.organizations.addApiKey(orgId, sha256(`orgmatrix-extra-${tag}`), { key_id: keyId, name: 'Extra' });
  return keyId;
}

/** An open invitation link of the organization, made below the API (its id only is needed). */
async function openInvitation(orgId: string, tag: string): Promise<string> {
  const invitationId = `inv_orgmatrix${tag}`;
  const invitation = {
    invitation_id: invitationId,
    organization_id: orgId,
    kind: 'link' as const,
    email: null,
    group_id: null,
    max_uses: 5,
    uses: 0,
    created_by: null,
    created_at: '2026-01-01T00:00:00Z',
    expires_at: '2099-01-01T00:00:00Z',
    revoked_at: null,
  };
  await api.repository.organizations.addInvitation(invitation, sha256(invitationToken(tag)));
  return invitationId;
}

let groups = 0;
/**
 * The principals of another organization (made once per lane, as a world is): the caller in
 * a cell is the world's, or the other organization's holding that column there.
 */
let other: World;
const callerIn = (world: World, caller: OrganizationCaller): Principal =>
  ofOtherOrganization(caller) ? other.callers[otherOrganizationCallers[caller]] : world.callers[caller];

/** The group a cell acts on, made below the API: owned by the caller, joined by them, or neither (public or private). */
async function targetGroup(world: World, caller: OrganizationCaller, target: GroupTarget): Promise<string> {
  const callerId = callerIn(world, caller).id;
  const groupId = `grp_orgmatrix${++groups}`;
  const at = '2026-01-01T00:00:00Z';
  await api.repository.organizations.createGroup({
    group_id: groupId,
    org_id: world.orgId,
    name: `Matrix group ${groups}`,
    description: null,
    privacy: target === 'public' ? 'public' : 'private',
    // Owned by the caller, else by a coach who is not the caller.
    owner_id: target === 'owned' ? callerId : caller === 'coach' ? world.callers.assistant_coach.id : world.callers.coach.id,
    members: target === 'joined' ? [callerId] : [],
    created_at: at,
    updated_at: at,
  });
  return groupId;
}

/** The member a cell acts on. */
function targetId(world: World, caller: OrganizationCaller, target: MemberTarget): string {
  if (target === 'self') return callerIn(world, caller).id;
  if (target === 'unassigned') return world.unassigned;
  return caller === 'head_coach' || caller === 'coach' ? world.athleteOf[caller] : world.athleteOf.assistant_coach;
}

/** The body of a cell: the contract's example, with the ids that must exist in this world. */
function cellBody(operationId: OperationId, world: World, tag: string): unknown {
  if (!operationTable[operationId].hasBody) return undefined;
  if (operationId === 'createOrganizationMember') return { user_id: world.free };
  if (operationId === 'updateOrganizationMemberCoach') return { coach_id: world.callers.assistant_coach.id };
  if (operationId === 'createOrganizationInvitation') return { max_uses: 5 };
  // The token of the world's open link (openInvitation).
  if (operationId === 'acceptInvitation') return { token: invitationToken(world.tag) };
  if (operationId === 'createGroup') return { name: `Matrix squad ${tag}`, org_id: world.orgId };
  if (operationId === 'updateGroup') return { members: [world.unassigned] };
  // Any other operation whose body names the organization acts on the world's.
  const body = requestBodySchema(operationId);
  if (body !== undefined && propertiesOf(body)['org_id'] !== undefined)
    return { ...(exampleBody(operationId, tag) as object), org_id: world.orgId };
  return exampleBody(operationId, tag);
}

const cells = organizationMatrix();
const governed = governedOperations();

describeOnDatabases('organizations permission matrix on $name', (lane) => {
  // SQLite runs every cell; PostgreSQL, where a cell costs about twice as much, the share
  // that keeps every operation, target, answer and standing of the caller.
  const laneCells = lane.name === 'sqlite' ? cells : representativeCells(cells);
  // A caller outside the organization who is refused changes nothing in it: those cells share
  // one organization per lane instead of making their own (a third of the matrix).
  let shared: World;
  const changesNothing = (cell: OrganizationCell) =>
    (cell.caller === 'outsider' || ofOtherOrganization(cell.caller)) && cell.expectStatus >= 400;
  beforeAll(async () => {
    api = await startReferenceApi(lane.name === 'sqlite' ? { inMemory: true } : { databaseUrl: await laneDatabase(lane) });
    other = await newWorld('other');
    shared = await newWorld('shared');
  });
  afterAll(() => api?.close());

  it('covers every governed operation with every caller and, on one member, every target; each row complete in the contract', () => {
    expect(governed.length).toBeGreaterThanOrEqual(12);
    expect(cells.length).toBeGreaterThan(0);
    for (const id of governed) {
      expect(Object.keys(permissionsOf(id)!).sort(), id).toEqual([...permissionColumns].sort());
      for (const caller of organizationCallers)
        expect(
          cells.some((c) => c.operationId === id && c.caller === caller),
          `${id}/${caller}`,
        ).toBe(true);
    }
    expect(cells.some((c) => c.expectStatus === 403)).toBe(true);
    expect(cells.some((c) => c.expectStatus === 404)).toBe(true);
    // Another organization's principals: a 404 on every operation inside this one.
    const crossOrganization = cells.filter((c) => ofOtherOrganization(c.caller) && c.expectStatus === 404);
    expect(new Set(crossOrganization.map((c) => c.caller))).toEqual(new Set(Object.keys(otherOrganizationCallers)));
    console.log(
      `organization matrix on ${lane.name}: ${governed.length} operations x ${organizationCallers.length} callers = ${cells.length} cells, ${laneCells.length} run here`,
    );
  });

  it('runs, on this lane, every operation with every answer its matrix row gives, for every standing of caller', () => {
    const answers = (list: readonly OrganizationCell[]) =>
      new Set(
        list.map((c) => `${c.operationId} ${c.target ?? ''} ${c.expectStatus} ${ofOtherOrganization(c.caller) ? 'other' : c.caller}`),
      );
    const other = (c: OrganizationCell) => ofOtherOrganization(c.caller);
    // Every (operation, target, answer) of the whole matrix, and every other-organization cell kind, is in the share.
    const kinds = (list: readonly OrganizationCell[]) => new Set(list.map((c) => `${c.operationId} ${c.target ?? ''} ${c.expectStatus}`));
    expect(kinds(laneCells)).toEqual(kinds(cells));
    expect(answers(laneCells.filter(other))).toEqual(answers(cells.filter(other)));
    expect(laneCells.length).toBeGreaterThan(0);
  });

  it.each(
    laneCells.map(
      (cell, index) =>
        [`${cell.operationId} as ${cell.caller}${cell.target ? ` on ${cell.target}` : ''} → ${cell.expectStatus}`, cell, index] as const,
    ),
  )('%s', async (_name, cell, index) => {
    const world = changesNothing(cell) ? shared : await newWorld(`c${index}`);
    const path: Record<string, string> = { org_id: world.orgId };
    if (cell.target && targetsGroup(cell.operationId)) path.group_id = await targetGroup(world, cell.caller, cell.target as GroupTarget);
    else if (cell.target) path.user_id = targetId(world, cell.caller, cell.target as MemberTarget);
    path.key_id = world.keyId;
    path.invitation_id = world.invitationId;
    const headers = callerIn(world, cell.caller).headers;
    const response = await send(
      request(cell.operationId, path, headers, cellBody(cell.operationId, world, `c${index}`)),
      cell.expectStatus,
    );
    if (cell.expectStatus === 404) {
      // Not found, whether or not it exists, and nothing of the organization in the answer.
      expect(JSON.parse(response.body).details?.code).toBe('NOT_FOUND');
      expect(response.body).not.toContain(world.name);
    }
  });

  describe('credentials that are no credentials: 401 on every governed operation', () => {
    let world: World;
    beforeAll(async () => {
      world = await newWorld('anonymous');
    });
    const anonymous = credentialCases(principals).filter((c) => c.acting === 'anonymous');
    it('has cases to try', () => expect(anonymous.length).toBeGreaterThan(0));
    it.each(governed.flatMap((id) => anonymous.map((c) => [`${id} with ${c.name}`, id, c] as const)))(
      '%s',
      async (_name, id, credentials) => {
        const path = {
          org_id: world.orgId,
          user_id: world.unassigned,
          key_id: world.keyId,
          invitation_id: world.invitationId,
          group_id: 'grp_orgmatrixanonymous',
        };
        const built = cellRequest({ operationId: id, credentials, expectStatus: 401 }, path, `a${id}`);
        if (built.body) built.body = JSON.stringify(cellBody(id, world, `a${id}`));
        const response = await send(built, 401);
        expect(response.headers['www-authenticate']).toMatch(/Bearer/);
      },
    );
  });
});
