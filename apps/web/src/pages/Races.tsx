/**
 * The race list: filters in the URL's query (so a filtered list is a link), cursor paging
 * with "Load more" (the API's `next_cursor`), and each race's detail page.
 */
import { useState, type SyntheticEvent } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';
import { Field } from '../ui/Field.js';
import { Empty, Loading } from '../ui/states.js';
import { Options } from '../ui/Options.js';

type RaceType = components['schemas']['RaceType'];
type Race = components['schemas']['Race'];

/** The filters the page offers, as the query string carries them. */
interface Filters {
  race_type?: RaceType;
  search?: string;
  location?: string;
  upcoming?: boolean;
}

const PAGE_SIZE = 20;

function filtersOf(query: URLSearchParams): Filters {
  const filters: Filters = {};
  const type = query.get('race_type');
  if (type && (__ASTRAL_RACE_TYPES__ as string[]).includes(type)) filters.race_type = type as RaceType;
  for (const name of ['search', 'location'] as const) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  if (query.get('upcoming') === 'true') filters.upcoming = true;
  return filters;
}

function queryStringOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function RacesPage() {
  const { client } = useApi();
  const { query, navigate } = useLocation();
  const filters = filtersOf(query);
  const races = useInfiniteQuery({
    queryKey: ['races', filters],
    queryFn: ({ pageParam }) => client.races.list({ ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.metadata.next_cursor ?? undefined,
  });
  const list = races.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section>
      <h1>Races</h1>
      <FilterForm filters={filters} onChange={(next) => navigate(`/races${queryStringOf(next)}`)} />
      {races.isPending ? <Loading>Loading races…</Loading> : null}
      {races.isError ? <p>The races could not be loaded.</p> : null}
      {races.isSuccess && list.length === 0 ? <Empty>No race matches these filters.</Empty> : null}
      <ul aria-label="races" className="cards">
        {list.map((race) => (
          <li key={race.race_id}>
            <Link to={`/races/${race.race_id}`}>{race.race_name}</Link> · {race.race_type} · {race.race_location} ·{' '}
            {new Date(race.race_date).toLocaleDateString()}
          </li>
        ))}
      </ul>
      {races.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() => void races.fetchNextPage()}
          aria-busy={races.isFetchingNextPage}
          disabled={races.isFetchingNextPage}
        >
          Load more
        </button>
      ) : null}
    </section>
  );
}

function FilterForm({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  const [draft, setDraft] = useState<Filters>(filters);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form onSubmit={submit} aria-label="filters" className="filters">
      <Field label="Type">
        <select
          value={draft.race_type ?? ''}
          onChange={(e) => setDraft({ ...draft, race_type: (e.target.value || undefined) as RaceType | undefined })}
        >
          <option value="">any</option>
          <Options values={__ASTRAL_RACE_TYPES__} />
        </select>
      </Field>
      <Field label="Search">
        <input type="search" value={draft.search ?? ''} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
      </Field>
      <Field label="Location">
        <input value={draft.location ?? ''} onChange={(e) => setDraft({ ...draft, location: e.target.value })} />
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.upcoming ?? false}
          onChange={(e) => setDraft({ ...draft, upcoming: e.target.checked || undefined })}
        />
        Upcoming only
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

export function RaceDetailPage({ raceId }: { raceId: string }) {
  const { client } = useApi();
  const race = useQuery({ queryKey: ['race', raceId], queryFn: () => client.races.get(raceId) });
  if (race.isPending) return <Loading>Loading the race…</Loading>;
  if (race.isError) return <p>This race could not be loaded.</p>;
  return <RaceDetail race={race.data} />;
}

function RaceDetail({ race }: { race: Race }) {
  return (
    <article>
      <h1>{race.race_name}</h1>
      <dl>
        <dt>When</dt>
        <dd>{new Date(race.race_date).toLocaleString()}</dd>
        <dt>Where</dt>
        <dd>{race.race_location}</dd>
        <dt>Type</dt>
        <dd>
          {race.race_type}
          {race.race_subtype ? ` (${race.race_subtype})` : ''}
        </dd>
        <dt>Athletes on Astral</dt>
        <dd>{race.participants_count}</dd>
      </dl>
      {race.race_description ? <p>{race.race_description}</p> : null}
      {race.race_website_url ? <a href={race.race_website_url}>Race website</a> : null}
      <p>
        <Link to="/races">All races</Link>
      </p>
    </article>
  );
}
