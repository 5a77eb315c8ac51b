/**
 * The roster: the organization's members filtered by role, status and label (the filters in
 * the URL, so a filtered roster is a link), paged with the API's cursor. An assistant coach
 * sees the athletes assigned to them: the API decides (`assigned` in the matrix).
 */
import { useState, type SyntheticEvent } from 'react';
import type { components } from '@astral/openapi';
import { Link, useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { Field } from '../../ui/Field.js';
import { InOrganization, PagedList, usePaged } from './organization.js';

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
          <div className="table-scroll">
            <table aria-label="members">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Labels</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.user_id}>
                    <td>
                      <Link to={`/members/${member.user_id}`}>{member.display_name}</Link>
                    </td>
                    <td>{member.role}</td>
                    <td>{member.status}</td>
                    <td>{member.labels.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
          {__ASTRAL_ORGANIZATION_ROLES__.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Status">
        <select
          value={draft.status ?? ''}
          onChange={(e) => setDraft({ ...draft, status: (e.target.value || undefined) as Status | undefined })}
        >
          <option value="">any</option>
          {__ASTRAL_MEMBER_STATUSES__.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Label">
        <input value={draft.label ?? ''} onChange={(e) => setDraft({ ...draft, label: e.target.value })} placeholder="@marathon" />
      </Field>
      <button type="submit">Filter</button>
    </form>
  );
}
