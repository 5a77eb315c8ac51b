/**
 * The Sample Items types, taken from the contract (never hand-written): a sample item as the
 * API returns it, the bodies that create and change one, the list query as handlers receive it.
 */
import type { components } from '@astral/openapi';
import type { QueryParams } from '@astral/server';

export type SampleItem = components['schemas']['SampleItem'];
export type SampleItemCreate = components['schemas']['SampleItemCreate'];
export type SampleItemUpdate = components['schemas']['SampleItemUpdate'];

/** The list query as the server hands it over: validated, coerced, every default applied. */
export type ListSampleItemsQuery = QueryParams<'listSampleItems'>;

/** The list query in storage terms: at most `limit` sample items, after `afterId` in id order. */
export interface SampleItemQuery {
  limit: number;
  /** Only sample items whose id comes after this one: the page a cursor names. */
  afterId?: string;
}
