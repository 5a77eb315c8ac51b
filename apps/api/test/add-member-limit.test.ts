// createOrganizationMember tells a manager whether an address has an account (404) or is in
// another organization (409), so each caller may try it only 60 times an hour, found or not
// (`"add_member";q=60;w=3600`), on SQLite and PostgreSQL: the 61st attempt is a 429 in the
// error shape with Retry-After and looks nothing up, other callers keep their own count, and
// the window moves on.
import { afterAll, expect, it } from 'vitest';
import { devCredentials, seedIds } from '../src/seed/build.js';
import { addMemberLimit } from '../src/resources/organizations/members/service.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, fixedNow, laneApp, userMaker } from './helpers.js';

const coach = bearer(devCredentials.coachToken);
const hour = 3600 * 1000;

describeOnDatabases('the add_member limit on $name', (lane) => {
  let clock = fixedNow.getTime();
  const { call, repository, close } = laneApp(lane, { now: () => new Date(clock) });
  afterAll(() => close());
  const newUser = userMaker(repository, 'probe');
  const add = (as: Parameters<typeof call>[2], body: object) => call('POST', `/organizations/${seedIds.organization}/members`, as, body);

  it('answers the 61st attempt by one caller within an hour 429 with Retry-After, and the window moves on', async () => {
    expect(addMemberLimit).toEqual({ policy: 'add_member', limit: 60, windowSeconds: 3600 });
    const joining = await newUser();
    const added = await add(coach, { user_id: joining.id });
    expect(added.status).toBe(201);
    expect(added.headers).toMatchObject({ 'ratelimit-policy': '"add_member";q=60;w=3600', ratelimit: '"add_member";r=59;t=0' });
    // Probing: every unknown address counts as much as a found one.
    for (let n = 1; n < 60; n++) expect((await add(coach, { email: `nobody${n}@example.com` })).status).toBe(404);

    const stillThere = await newUser();
    const refused = await add(coach, { user_id: stillThere.id });
    expect(errorOf(refused)).toEqual({ status: 429, code: 'RATE_LIMITED', field: 'user_id' });
    expect(refused.body.error).toBe('Too many members added by this caller. Retry after 3600 seconds.');
    expect(refused.headers).toMatchObject({ 'retry-after': '3600', 'ratelimit-policy': '"add_member";q=60;w=3600' });
    // Nothing was done: the user is still in no organization.
    expect((await call('GET', `/users/${stillThere.id}`, stillThere.as)).body.data.org_id).toBeNull();

    // The organization's API key is another caller with a count of its own.
    expect((await add('organization', { user_id: stillThere.id })).status).toBe(201);

    clock += hour;
    const later = await newUser();
    expect((await add(coach, { user_id: later.id })).status).toBe(201);
  });
});
