/**
 * The Sample Items use cases over their storage: the list's keyset pages (the shared cursor
 * over `sample_item_id`, whose pattern is read from the contract), creation with a new id,
 * and the creator-or-admin rule before any change.
 */
import type { Principal } from '../../domain/principal.js';
import { randomId } from '../../domain/ids.js';
import { contractId, keysetCursor, keysetPage, type Page } from '../../domain/keyset-cursor.js';
import { formatInstant } from '../../domain/time.js';
import type { ListSampleItemsQuery, SampleItem, SampleItemCreate, SampleItemUpdate } from './model.js';
import { canModifySampleItem, notCreator, sampleItemNotFound } from './rules.js';
import type { SampleItemStorage } from './storage.js';

const cursor = keysetCursor({ sampleItemId: contractId('i', 'SampleItem', 'sample_item_id') });

export interface SampleItemServiceOptions {
  sampleItems: SampleItemStorage;
  /** The clock, injectable so tests control "now" (timestamps). */
  now?: () => Date;
}

/**
 * The Sample Items use cases.
 *
 * @example
 * ```ts
 * const sampleItems = new SampleItemService({ sampleItems: repository.sampleItems });
 * const { data, nextCursor } = await sampleItems.list({ limit: 20 });
 * ```
 */
export class SampleItemService {
  private readonly sampleItems: SampleItemStorage;
  private readonly now: () => Date;

  constructor(options: SampleItemServiceOptions) {
    this.sampleItems = options.sampleItems;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * At most `query.limit` sample items in id order, after the position `query.cursor` names
   * (400 on `cursor` when this list did not issue it); `nextCursor` is `null` on the last page.
   */
  async list(query: ListSampleItemsQuery): Promise<Page<SampleItem>> {
    const after = query.cursor === undefined ? {} : { afterId: cursor.decode(query.cursor).sampleItemId };
    // One more than the page holds says whether another page follows, without a count.
    const found = await this.sampleItems.list({ limit: query.limit + 1, ...after });
    return keysetPage(found, query.limit, (last) => cursor.encode({ sampleItemId: last.sample_item_id }));
  }

  async get(sampleItemId: string): Promise<SampleItem> {
    const sampleItem = await this.sampleItems.get(sampleItemId);
    if (!sampleItem) throw sampleItemNotFound();
    return sampleItem;
  }

  /** A new sample item created by `principal`. */
  async create(body: SampleItemCreate, principal: Principal): Promise<SampleItem> {
    const timestamp = formatInstant(this.now().getTime());
    return this.sampleItems.insert({
      sample_item_id: randomId('sample_item'),
      name: body.name,
      description: body.description ?? null,
      created_by: principal.user_id,
      created_at: timestamp,
      updated_at: timestamp,
    });
  }

  /**
   * Changes only the fields supplied (`null` clears an optional one); `updated_at` moves
   * forward. Not found, or forbidden unless creator or admin (nothing written).
   */
  async update(sampleItemId: string, patch: SampleItemUpdate, principal: Principal): Promise<SampleItem> {
    const updated = await this.sampleItems.update(sampleItemId, (current) => {
      if (!canModifySampleItem(principal, current)) throw notCreator('change');
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      // Strictly later than before, even for two updates in the same millisecond.
      const updatedAt = formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1));
      return { ...current, ...changes, updated_at: updatedAt };
    });
    if (!updated) throw sampleItemNotFound();
    return updated;
  }

  /** Removes the sample item; not found, or forbidden unless creator or admin. */
  async delete(sampleItemId: string, principal: Principal): Promise<void> {
    const deleted = await this.sampleItems.delete(sampleItemId, (current) => {
      if (!canModifySampleItem(principal, current)) throw notCreator('delete');
    });
    if (!deleted) throw sampleItemNotFound();
  }
}
