/** The organization's API keys: create one (its secret shown once, with a copy button), list and revoke. */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { RevokeButton } from '../../ui/RevokeButton.js';
import { Field, fieldError } from '../../ui/Field.js';
import { Empty, Loading, ShownOnce } from '../../ui/states.js';
import type { Viewer } from '../../viewer.js';
import { InOrganization, when } from './organization.js';

export function ApiKeysPage() {
  return <InOrganization>{(viewer) => <ApiKeys viewer={viewer} />}</InOrganization>;
}

function ApiKeys({ viewer }: { viewer: Viewer & { orgId: string } }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys', viewer.orgId], queryFn: () => client.organizations.listApiKeys(viewer.orgId) });
  const revoke = useMutation({
    mutationFn: (keyId: string) => client.organizations.deleteApiKey(viewer.orgId, keyId),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['api-keys', viewer.orgId] }),
  });
  const list = keys.data ?? [];
  return (
    <section>
      <h1>API keys</h1>
      <p>Keys let the club's integrations act for the organization. A key can manage members, never roles or the audit log.</p>
      <CreateKey orgId={viewer.orgId} />
      <h2>Keys</h2>
      {keys.isPending ? <Loading>Loading the keys…</Loading> : null}
      {keys.isError ? <p>The keys could not be loaded.</p> : null}
      {keys.isSuccess && list.length === 0 ? <Empty>No API keys yet.</Empty> : null}
      {list.length > 0 ? (
        <DataTable
          label="API keys"
          rows={list}
          rowKey={(key) => key.key_id}
          columns={[
            { header: 'Name', cell: (key) => key.name },
            { header: 'Starts with', cell: (key) => <code>{key.prefix ?? '—'}</code> },
            { header: 'Created', cell: (key) => when(key.created_at) },
            {
              header: 'Actions',
              hiddenHeader: true,
              cell: (key) => <RevokeButton name={key.name} onRevoke={() => revoke.mutate(key.key_id)} />,
            },
          ]}
        />
      ) : null}
    </section>
  );
}

function CreateKey({ orgId }: { orgId: string }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => client.organizations.createApiKey(orgId, { name }),
    onSuccess: () => {
      setName('');
      void queries.invalidateQueries({ queryKey: ['api-keys', orgId] });
    },
    meta: { fields: ['name', 'expires_at'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="new API key">
      <Field label="Key name" error={fieldError(create.error, 'name')}>
        <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="Club dashboard" />
      </Field>
      <button type="submit" aria-busy={create.isPending} disabled={create.isPending}>
        Create key
      </button>
      {create.data ? <ShownOnce label="API key secret" value={create.data.secret} /> : null}
    </form>
  );
}
