// The Activities operations over HTTP (in-process), on SQLite and PostgreSQL: create (and
// its Idempotency-Key replay), read, partial update, delete, the list's cursor pages, who may
// change what, and bad input answered with the error shape. First written by
// `npm run new:resource`; grow it with the resource's own rules.
import { afterAll, expect, it } from 'vitest';
import { describeOnDatabases } from './databases.js';
import { errorOf, fixedNow, laneApp } from './helpers.js';

const now = fixedNow.toISOString().replace('.000Z', 'Z');

describeOnDatabases('activities on $name', (lane) => {
  const { call, close } = laneApp(lane);
  afterAll(() => close());

  it('creates, reads, changes and deletes an activity', async () => {
    const created = await call('POST', '/activities', 'athlete', { name: 'First', description: 'The first one.' });
    expect(created.status).toBe(201);
    const id: string = created.body.activity_id;
    expect(id).toMatch(/^activity_[A-Za-z0-9]{1,64}$/);
    expect(created.body).toEqual({
      status: 'ok',
      activity_id: id,
      message: 'Activity created successfully',
      data: {
        activity_id: id,
        name: 'First',
        description: 'The first one.',
        created_by: 'usr_athlete1',
        created_at: now,
        updated_at: now,
      },
    });
    expect((await call('GET', `/activities/${id}`, 'athlete')).body).toEqual({ status: 'ok', data: created.body.data });

    const updated = await call('PUT', `/activities/${id}`, 'athlete', { description: null });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ name: 'First', description: null, created_at: now });
    expect(Date.parse(updated.body.data.updated_at)).toBeGreaterThan(Date.parse(now));
    expect((await call('GET', `/activities/${id}`, 'organization')).body.data).toEqual(updated.body.data);

    expect((await call('DELETE', `/activities/${id}`, 'athlete')).body).toEqual({
      status: 'ok',
      message: 'Activity deleted successfully',
    });
    expect(errorOf(await call('GET', `/activities/${id}`, 'athlete'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      field: 'activity_id',
    });
  });

  it('replays a create sent again with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `activities-${lane.name}` };
    const first = await call('POST', '/activities', 'athlete', { name: 'Once' }, headers);
    const again = await call('POST', '/activities', 'athlete', { name: 'Once' }, headers);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('pages the list in id order with metadata.next_cursor, to null on the last page, and the same total on every page', async () => {
    const ids = new Set<string>();
    for (const name of ['Page one', 'Page two', 'Page three'])
      ids.add((await call('POST', '/activities', 'athlete', { name })).body.activity_id);
    const seen: string[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/activities?limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'athlete');
      expect(page.status).toBe(200);
      totals.add(page.body.metadata.total);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((item: { activity_id: string }) => item.activity_id));
      cursor = page.body.metadata.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.has(id))).toHaveLength(3);
    // metadata.total counts every item across the pages, not the page.
    expect([...totals]).toEqual([seen.length]);
  });

  it('lets only the creator or an admin change or delete an activity', async () => {
    const id: string = (await call('POST', '/activities', 'athlete', { name: 'Guarded' })).body.activity_id;
    expect(errorOf(await call('PUT', `/activities/${id}`, 'organization', { name: 'Taken' }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      field: undefined,
    });
    expect(errorOf(await call('DELETE', `/activities/${id}`, 'organization'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await call('GET', `/activities/${id}`, 'athlete')).body.data.name).toBe('Guarded');
    expect((await call('PUT', `/activities/${id}`, 'admin', { name: 'Renamed' })).body.data.name).toBe('Renamed');
    expect((await call('DELETE', `/activities/${id}`, 'admin')).status).toBe(200);
  });

  it('answers bad input with the error shape and its field, never a 500', async () => {
    expect(errorOf(await call('POST', '/activities', 'athlete', {}))).toMatchObject({ status: 400, field: 'name' });
    expect(errorOf(await call('POST', '/activities', 'athlete', { name: 'A', activity_id: 'activity_x' }))).toMatchObject({
      status: 400,
    });
    expect(errorOf(await call('POST', '/activities', 'athlete', { name: 'x'.repeat(201) }))).toMatchObject({
      status: 400,
      field: 'name',
    });
    const id: string = (await call('POST', '/activities', 'athlete', { name: 'Kept' })).body.activity_id;
    expect(errorOf(await call('PUT', `/activities/${id}`, 'athlete', {}))).toMatchObject({ status: 400 });
    expect(errorOf(await call('GET', '/activities?cursor=bm9wZQ', 'athlete'))).toMatchObject({ status: 400, field: 'cursor' });
    expect(errorOf(await call('GET', '/activities?limit=101', 'athlete'))).toMatchObject({ status: 400, field: 'limit' });
    expect(errorOf(await call('GET', '/activities/not-an-id', 'athlete'))).toMatchObject({ status: 400, field: 'activity_id' });
    expect(errorOf(await call('GET', '/activities', 'anonymous'))).toMatchObject({ status: 401 });
  });
});
