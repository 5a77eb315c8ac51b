/**
 * What the organization pages share: the viewer's organization (a page is only reached from
 * the navigation when their column allows it; a typed-in URL still gets the API's 403 as a
 * toast), and cursor paging with "Load more".
 */
import type { ReactNode } from 'react';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useViewer, type Viewer } from '../../viewer.js';
import { Empty, Loading } from '../../ui/states.js';

/** Renders `children` with the viewer once they are known to be in an organization. */
export function InOrganization({ children }: { children: (viewer: Viewer & { orgId: string }) => ReactNode }) {
  const { viewer, isPending } = useViewer();
  if (isPending || !viewer) return <Loading>Loading your organization…</Loading>;
  if (viewer.orgId === null) return <Empty>You are not in an organization yet: a coach's invitation link brings you in.</Empty>;
  return <>{children(viewer as Viewer & { orgId: string })}</>;
}

interface Page<T> {
  data: T[];
  metadata: { next_cursor?: string | null };
}

/** A cursor-paged list: every page's rows, and "Load more" while the API gives a `next_cursor`. */
export function usePaged<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (page) => page.metadata.next_cursor ?? undefined,
  });
  return { query, rows: query.data?.pages.flatMap((page) => page.data) ?? [] };
}

/** The states of a paged list around its rows: loading, failed, empty, and "Load more". */
export function PagedList<T>({
  paged,
  what,
  children,
}: {
  paged: ReturnType<typeof usePaged<T>>;
  what: string;
  children: (rows: T[]) => ReactNode;
}) {
  const { query, rows } = paged;
  if (query.isPending) return <Loading>Loading {what}…</Loading>;
  if (query.isError) return <p>The {what} could not be loaded.</p>;
  return (
    <>
      {rows.length === 0 ? <Empty>No {what} yet.</Empty> : children(rows)}
      {query.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() => void query.fetchNextPage()}
          aria-busy={query.isFetchingNextPage}
          disabled={query.isFetchingNextPage}
        >
          Load more
        </button>
      ) : null}
    </>
  );
}

/** A date and time the way the reader's browser writes them. */
export const when = (instant: string): string => new Date(instant).toLocaleString();
