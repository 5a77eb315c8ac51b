// The Sample Items operations over HTTP (in-process), on SQLite and PostgreSQL: create (and
// its Idempotency-Key replay), read, partial update, delete, the list's cursor pages, who may
// change what, and bad input answered with the error shape. First written by
// `npm run new:resource`; grow it with the resource's own rules.
import { afterAll, expect, it } from 'vitest';
import { describeOnDatabases } from './databases.js';
import { errorOf, fixedNow, laneApp } from './helpers.js';

const now = fixedNow.toISOString().replace('.000Z', 'Z');

describeOnDatabases('sample items on $name', (lane) => {
  const { call, close } = laneApp(lane);
  afterAll(() => close());

  it('creates, reads, changes and deletes a sample item', async () => {
    const created = await call('POST', '/sample-items', 'athlete', { name: 'First', description: 'The first one.' });
    expect(created.status).toBe(201);
    const id: string = created.body.sample_item_id;
    expect(id).toMatch(/^sample_item_[A-Za-z0-9]{1,64}$/);
    expect(created.body).toEqual({
      status: 'ok',
      sample_item_id: id,
      message: 'Sample item created successfully',
      data: {
        sample_item_id: id,
        name: 'First',
        description: 'The first one.',
        created_by: 'usr_athlete1',
        created_at: now,
        updated_at: now,
      },
    });
    expect((await call('GET', `/sample-items/${id}`, 'athlete')).body).toEqual({ status: 'ok', data: created.body.data });

    const updated = await call('PUT', `/sample-items/${id}`, 'athlete', { description: null });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ name: 'First', description: null, created_at: now });
    expect(Date.parse(updated.body.data.updated_at)).toBeGreaterThan(Date.parse(now));
    expect((await call('GET', `/sample-items/${id}`, 'organization')).body.data).toEqual(updated.body.data);

    expect((await call('DELETE', `/sample-items/${id}`, 'athlete')).body).toEqual({
      status: 'ok',
      message: 'Sample item deleted successfully',
    });
    expect(errorOf(await call('GET', `/sample-items/${id}`, 'athlete'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      field: 'sample_item_id',
    });
  });

  it('replays a create sent again with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `sample-items-${lane.name}` };
    const first = await call('POST', '/sample-items', 'athlete', { name: 'Once' }, headers);
    const again = await call('POST', '/sample-items', 'athlete', { name: 'Once' }, headers);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('pages the list in id order with metadata.next_cursor, to null on the last page, and the same total on every page', async () => {
    const ids = new Set<string>();
    for (const name of ['Page one', 'Page two', 'Page three'])
      ids.add((await call('POST', '/sample-items', 'athlete', { name })).body.sample_item_id);
    const seen: string[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/sample-items?limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'athlete');
      expect(page.status).toBe(200);
      totals.add(page.body.metadata.total);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((item: { sample_item_id: string }) => item.sample_item_id));
      cursor = page.body.metadata.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.has(id))).toHaveLength(3);
    // metadata.total counts every item across the pages, not the page.
    expect([...totals]).toEqual([seen.length]);
  });

  it('lets only the creator or an admin change or delete a sample item', async () => {
    const id: string = (await call('POST', '/sample-items', 'athlete', { name: 'Guarded' })).body.sample_item_id;
    expect(errorOf(await call('PUT', `/sample-items/${id}`, 'organization', { name: 'Taken' }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      field: undefined,
    });
    expect(errorOf(await call('DELETE', `/sample-items/${id}`, 'organization'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await call('GET', `/sample-items/${id}`, 'athlete')).body.data.name).toBe('Guarded');
    expect((await call('PUT', `/sample-items/${id}`, 'admin', { name: 'Renamed' })).body.data.name).toBe('Renamed');
    expect((await call('DELETE', `/sample-items/${id}`, 'admin')).status).toBe(200);
  });

  it('answers bad input with the error shape and its field, never a 500', async () => {
    expect(errorOf(await call('POST', '/sample-items', 'athlete', {}))).toMatchObject({ status: 400, field: 'name' });
    expect(errorOf(await call('POST', '/sample-items', 'athlete', { name: 'A', sample_item_id: 'sample_item_x' }))).toMatchObject({
      status: 400,
    });
    expect(errorOf(await call('POST', '/sample-items', 'athlete', { name: 'x'.repeat(201) }))).toMatchObject({
      status: 400,
      field: 'name',
    });
    const id: string = (await call('POST', '/sample-items', 'athlete', { name: 'Kept' })).body.sample_item_id;
    expect(errorOf(await call('PUT', `/sample-items/${id}`, 'athlete', {}))).toMatchObject({ status: 400 });
    expect(errorOf(await call('GET', '/sample-items?cursor=bm9wZQ', 'athlete'))).toMatchObject({ status: 400, field: 'cursor' });
    expect(errorOf(await call('GET', '/sample-items?limit=101', 'athlete'))).toMatchObject({ status: 400, field: 'limit' });
    expect(errorOf(await call('GET', '/sample-items/not-an-id', 'athlete'))).toMatchObject({ status: 400, field: 'sample_item_id' });
    expect(errorOf(await call('GET', '/sample-items', 'anonymous'))).toMatchObject({ status: 401 });
  });
});
