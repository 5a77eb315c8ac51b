/**
 * Invitations: invite one athlete by email (the API sends the link; its token is in the email
 * only) or create a link for several (its token is in the create answer only, so the page
 * shows the link once, with a copy button); list and revoke them.
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { RevokeButton } from '../../ui/RevokeButton.js';
import { Field, fieldError } from '../../ui/Field.js';
import { ShownOnce } from '../../ui/states.js';
import type { Viewer } from '../../viewer.js';
import { InOrganization, PagedList, usePaged, when } from './organization.js';

type Invitation = components['schemas']['Invitation'];

export function InvitationsPage() {
  return <InOrganization>{(viewer) => <Invitations viewer={viewer} />}</InOrganization>;
}

function Invitations({ viewer }: { viewer: Viewer & { orgId: string } }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const paged = usePaged<Invitation>(['invitations', viewer.orgId], (cursor) =>
    client.organizations.listInvitations(viewer.orgId, cursor ? { cursor } : {}),
  );
  const revoke = useMutation({
    mutationFn: (id: string) => client.organizations.deleteInvitation(viewer.orgId, id),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['invitations', viewer.orgId] }),
  });
  return (
    <section>
      <h1>Invitations</h1>
      <div className="grid">
        <InviteByEmail orgId={viewer.orgId} />
        <InviteByLink orgId={viewer.orgId} />
      </div>
      <h2>Sent and open</h2>
      <PagedList paged={paged} what="invitations">
        {(invitations) => (
          <DataTable
            label="invitations"
            rows={invitations}
            rowKey={(invitation) => invitation.invitation_id}
            columns={[
              { header: 'To', cell: (invitation) => invitation.email ?? `link (${invitation.invitation_id})` },
              { header: 'Uses', cell: (invitation) => `${invitation.uses} / ${invitation.max_uses}` },
              { header: 'Expires', cell: (invitation) => (invitation.revoked_at ? 'revoked' : when(invitation.expires_at)) },
              {
                header: 'Actions',
                hiddenHeader: true,
                cell: (invitation) =>
                  invitation.revoked_at ? null : (
                    <RevokeButton
                      name={invitation.email ?? invitation.invitation_id}
                      onRevoke={() => revoke.mutate(invitation.invitation_id)}
                    />
                  ),
              },
            ]}
          />
        )}
      </PagedList>
    </section>
  );
}

function InviteByEmail({ orgId }: { orgId: string }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const invite = useMutation({
    mutationFn: (address: string) => client.organizations.createInvitation(orgId, { email: address }),
    onSuccess: () => {
      setEmail('');
      void queries.invalidateQueries({ queryKey: ['invitations', orgId] });
    },
    meta: { fields: ['email'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    invite.mutate(email);
  };
  return (
    <form onSubmit={submit} aria-label="invite by email">
      <h2>Invite by email</h2>
      <Field label="Athlete's email" error={fieldError(invite.error, 'email')}>
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <button type="submit" aria-busy={invite.isPending} disabled={invite.isPending}>
        Send invitation
      </button>
      {invite.isSuccess ? <p role="status">Invitation sent to {invite.variables}</p> : null}
    </form>
  );
}

function InviteByLink({ orgId }: { orgId: string }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [maxUses, setMaxUses] = useState('25');
  const create = useMutation({
    mutationFn: () => client.organizations.createInvitation(orgId, { max_uses: Number(maxUses) }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['invitations', orgId] }),
    meta: { fields: ['max_uses'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const token = create.data?.token;
  return (
    <form onSubmit={submit} aria-label="invite by link">
      <h2>Invite by link</h2>
      <Field label="How many people may join with it" error={fieldError(create.error, 'max_uses')}>
        <input type="number" min={1} required value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
      </Field>
      <button type="submit" aria-busy={create.isPending} disabled={create.isPending}>
        Create link
      </button>
      {token ? <ShownOnce label="Invitation link" value={`${window.location.origin}/join?token=${encodeURIComponent(token)}`} /> : null}
    </form>
  );
}
