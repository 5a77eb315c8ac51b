/** The organization's groups the viewer may see, and (for coaches) a form to create one. */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { allows } from '../../permissions.js';
import { useApi } from '../../session.js';
import { Field, fieldError } from '../../ui/Field.js';
import type { Viewer } from '../../viewer.js';
import { InOrganization, PagedList, usePaged } from './organization.js';
import { Options } from '../../ui/Options.js';

type Group = components['schemas']['Group'];
type Privacy = components['schemas']['GroupPrivacy'];

export function GroupsPage() {
  return <InOrganization>{(viewer) => <Groups viewer={viewer} />}</InOrganization>;
}

function Groups({ viewer }: { viewer: Viewer & { orgId: string } }) {
  const { client } = useApi();
  const paged = usePaged<Group>(['groups', viewer.orgId], (cursor) =>
    client.organizations.listGroups(viewer.orgId, cursor ? { cursor } : {}),
  );
  return (
    <section>
      <h1>Groups</h1>
      <PagedList paged={paged} what="groups">
        {(groups) => (
          <ul aria-label="groups" className="cards">
            {groups.map((group) => (
              <li key={group.group_id}>
                <strong>{group.name}</strong> · {group.privacy} · {group.members.length} member{group.members.length === 1 ? '' : 's'}
                {group.description ? <p>{group.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      {allows('createGroup', viewer.column) ? <CreateGroup orgId={viewer.orgId} /> : null}
    </section>
  );
}

function CreateGroup({ orgId }: { orgId: string }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [privacy, setPrivacy] = useState<Privacy>(__ASTRAL_GROUP_PRIVACIES__[0]!);
  const create = useMutation({
    mutationFn: () => client.organizations.createGroup({ name, privacy, ...(description.trim() ? { description } : {}) }),
    onSuccess: () => {
      setName('');
      setDescription('');
      void queries.invalidateQueries({ queryKey: ['groups', orgId] });
    },
    meta: { fields: ['name', 'description', 'privacy'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="new group">
      <h2>New group</h2>
      <div className="grid">
        <Field label="Group name" error={fieldError(create.error, 'name')}>
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Privacy" error={fieldError(create.error, 'privacy')}>
          <select value={privacy} onChange={(e) => setPrivacy(e.target.value as Privacy)}>
            <Options values={__ASTRAL_GROUP_PRIVACIES__} />
          </select>
        </Field>
      </div>
      <Field label="Description" error={fieldError(create.error, 'description')}>
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <button type="submit" aria-busy={create.isPending} disabled={create.isPending}>
        Create group
      </button>
      {create.isSuccess ? <p role="status">Group {create.data.name} created</p> : null}
    </form>
  );
}
