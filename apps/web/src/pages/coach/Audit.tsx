/** The audit log: who changed which membership or role, and when, newest first, paged. */
import type { components } from '@astral/openapi';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { InOrganization, PagedList, usePaged, when } from './organization.js';

type AuditEvent = components['schemas']['AuditEvent'];

export function AuditPage() {
  return <InOrganization>{({ orgId }) => <Audit orgId={orgId} />}</InOrganization>;
}

const change = (event: AuditEvent): string =>
  event.from_value || event.to_value ? `${event.from_value ?? '—'} → ${event.to_value ?? '—'}` : '';

function Audit({ orgId }: { orgId: string }) {
  const { client } = useApi();
  const paged = usePaged<AuditEvent>(['audit', orgId], (cursor) =>
    client.organizations.listAuditEvents(orgId, { limit: 20, ...(cursor ? { cursor } : {}) }),
  );
  return (
    <section>
      <h1>Audit log</h1>
      <PagedList paged={paged} what="audit events">
        {(events) => (
          <DataTable
            label="audit events"
            rows={events}
            rowKey={(event) => event.event_id}
            columns={[
              { header: 'When', cell: (event) => when(event.occurred_at) },
              { header: 'Who', cell: (event) => event.actor_id },
              { header: 'What', cell: (event) => event.action.replaceAll('_', ' ') },
              { header: 'Member', cell: (event) => event.user_id },
              { header: 'Change', cell: change },
            ]}
          />
        )}
      </PagedList>
    </section>
  );
}
