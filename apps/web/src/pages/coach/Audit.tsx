/** The audit log: who changed which membership or role, and when, newest first, paged. */
import type { components } from '@astral/openapi';
import { useApi } from '../../session.js';
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
          <div className="table-scroll">
            <table aria-label="audit events">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Member</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.event_id}>
                    <td>{when(event.occurred_at)}</td>
                    <td>{event.actor_id}</td>
                    <td>{event.action.replaceAll('_', ' ')}</td>
                    <td>{event.user_id}</td>
                    <td>{change(event)}</td>
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
