/** The Sample Items resource (`/sample-items`, `/sample-items/{sample_item_id}`), first written by `npm run new:resource`. */
import { defineResource, type ResourceContext } from '../module.js';
import { sampleItemHandlers, type SampleItemHandlers } from './handlers.js';
import { SampleItemService } from './service.js';
import { openSampleItemStorage, type SampleItemStorage } from './storage.js';

export const sampleItems = defineResource({
  name: 'sampleItems',
  storage: openSampleItemStorage,
  handlers: ({ repository, now }: ResourceContext<{ sampleItems: SampleItemStorage }>): SampleItemHandlers =>
    sampleItemHandlers(new SampleItemService({ sampleItems: repository.sampleItems, now })),
});
