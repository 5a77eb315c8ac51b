/** The Sample Items operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { SampleItemService } from './service.js';

export type SampleItemHandlers = HandlersForTag<'Sample Items', Principal>;

/**
 * The five Sample Items handlers over a `SampleItemService`. Errors the service throws are
 * answered by the app's one `mapError`, so nothing here catches.
 *
 * @example
 * ```ts
 * const handlers = sampleItemHandlers(new SampleItemService({ sampleItems: repository.sampleItems }));
 * ```
 */
export function sampleItemHandlers(sampleItems: SampleItemService): SampleItemHandlers {
  return {
    listSampleItems: async ({ query }) => {
      const { data, nextCursor, total } = await sampleItems.list(query);
      return { status: 200, body: { status: 'ok', data, metadata: { total, next_cursor: nextCursor } } };
    },
    createSampleItem: async ({ body, principal }) => {
      const sampleItem = await sampleItems.create(body, principal);
      return {
        status: 201,
        body: { status: 'ok', sample_item_id: sampleItem.sample_item_id, message: 'Sample item created successfully', data: sampleItem },
      };
    },
    getSampleItem: async ({ params }) => ({ status: 200, body: { status: 'ok', data: await sampleItems.get(params.sample_item_id) } }),
    updateSampleItem: async ({ params, body, principal }) => {
      const sampleItem = await sampleItems.update(params.sample_item_id, body, principal);
      return { status: 200, body: { status: 'ok', message: 'Sample item updated successfully', data: sampleItem } };
    },
    deleteSampleItem: async ({ params, principal }) => {
      await sampleItems.delete(params.sample_item_id, principal);
      return { status: 200, body: { status: 'ok', message: 'Sample item deleted successfully' } };
    },
  };
}
