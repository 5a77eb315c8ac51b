/** The viewer's organization: its name and principle, and their own membership. */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../session.js';
import { Loading } from '../../ui/states.js';
import type { Viewer } from '../../viewer.js';
import { InOrganization } from './organization.js';
import { MemberView } from './Member.js';

export function ClubPage() {
  return <InOrganization>{(viewer) => <Club viewer={viewer} />}</InOrganization>;
}

function Club({ viewer }: { viewer: Viewer & { orgId: string } }) {
  const { client } = useApi();
  const organization = useQuery({ queryKey: ['organization', viewer.orgId], queryFn: () => client.organizations.get(viewer.orgId) });
  const own = useQuery({
    queryKey: ['member', viewer.orgId, viewer.userId],
    queryFn: () => client.organizations.member(viewer.orgId, viewer.userId),
  });
  if (organization.isPending) return <Loading>Loading your club…</Loading>;
  if (organization.isError) return <p>Your club could not be loaded.</p>;
  return (
    <section>
      <hgroup>
        <h1>{organization.data.name}</h1>
        <p>{organization.data.description}</p>
      </hgroup>
      {organization.data.settings?.training_principle ? (
        <p>
          <strong>Training principle:</strong> {organization.data.settings.training_principle}
        </p>
      ) : null}
      <h2>Your membership</h2>
      {own.data ? <MemberSummary member={own.data} /> : <Loading>Loading your membership…</Loading>}
    </section>
  );
}

function MemberSummary({ member }: { member: Parameters<typeof MemberView>[0]['member'] }) {
  return (
    <dl className="attributes">
      <dt>Role</dt>
      <dd>{member.role}</dd>
      <dt>Status</dt>
      <dd>{member.status}</dd>
      <dt>Labels</dt>
      <dd>{member.labels.length ? member.labels.join(', ') : '—'}</dd>
    </dl>
  );
}
