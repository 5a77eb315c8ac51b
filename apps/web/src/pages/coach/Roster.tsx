/**
 * The roster: the organization's members filtered by role, status and label (the filters in
 * the URL, so a filtered roster is a link), paged with the API's cursor. An assistant coach
 * sees the athletes assigned to them: the API decides (`assigned` in the matrix).
 */
import { useState, type SyntheticEvent } from 'react';
import type { components } from '@astral/openapi';
import { Link, useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { Field } from '../../ui/Field.js';
import { InOrganization, PagedList, usePaged } from './organization.js';
import { Options } from '../../ui/Options.js';

type Role = components['schemas']['OrganizationRole'];
type Status = components['schemas']['MemberStatus'];
type Member = components['schemas']['Member'];

interface Filters {
  role?: Role;
  status?: Status;
  label?: string;
}

function filtersOf(query: URLSearchParams): Filters {
  const filters: Filters = {};
  const role = query.get('role');
  if (role && (__ASTRAL_ORGANIZATION_ROLES__ as string[]).includes(role)) filters.role = role as Role;
  const status = query.get('status');
  if (status && (__ASTRAL_MEMBER_STATUSES__ as string[]).includes(status)) filters.status = status as Status;
  const label = query.get('label')?.trim();
  if (label) filters.label = label;
  return filters;
}

const PAGE_SIZE = 20;

export function RosterPage() {
  return <InOrganization>{({ orgId }) => <Roster orgId={orgId} />}</InOrganization>;
}

function Roster({ orgId }: { orgId: string }) {
  const { client } = useApi();
  const { query, navigate } = useLocation();
  const filters = filtersOf(query);
  const paged = usePaged<Member>(['members', orgId, filters], (cursor) =>
    client.organizations.listMembers(orgId, { ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  return (
    <section>
      <h1>Roster</h1>
      <RosterFilters
        filters={filters}
        onChange={(next) => {
          const search = new URLSearchParams(next as Record<string, string>).toString();
          navigate(search ? `/roster?${search}` : '/roster');
        }}
      />
      <PagedList paged={paged} what="members">
        {(members) => (
          <DataTable
            label="members"
            rows={members}
            rowKey={(member) => member.user_id}
            columns={[
              { header: 'Name', cell: (member) => <Link to={`/members/${member.user_id}`}>{member.display_name}</Link> },
              { header: 'Role', cell: (member) => member.role },
              { header: 'Status', cell: (member) => member.status },
              { header: 'Labels', cell: (member) => member.labels.join(', ') },
            ]}
          />
        )}
      </PagedList>
    </section>
  );
}

function RosterFilters({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  const [draft, setDraft] = useState<Filters>(filters);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onChange(Object.fromEntries(Object.entries(draft).filter(([, value]) => value)));
  };
  return (
    <form onSubmit={submit} aria-label="roster filters" className="filters">
      <Field label="Role">
        <select value={draft.role ?? ''} onChange={(e) => setDraft({ ...draft, role: (e.target.value || undefined) as Role | undefined })}>
          <option value="">any</option>
          <Options values={__ASTRAL_ORGANIZATION_ROLES__} />
        </select>
      </Field>
      <Field label="Status">
        <select
          value={draft.status ?? ''}
          onChange={(e) => setDraft({ ...draft, status: (e.target.value || undefined) as Status | undefined })}
        >
          <option value="">any</option>
          <Options values={__ASTRAL_MEMBER_STATUSES__} />
        </select>
      </Field>
      <Field label="Label">
        <input value={draft.label ?? ''} onChange={(e) => setDraft({ ...draft, label: e.target.value })} placeholder="@marathon" />
      </Field>
      <button type="submit">Filter</button>
    </form>
  );
}
