/** The signed-in athlete's own profile: read it, and edit the name, bio and units. */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { useApi } from '../session.js';
import { Field, fieldError } from '../ui/Field.js';
import { Loading } from '../ui/states.js';
import { Options } from '../ui/Options.js';

type User = components['schemas']['User'];
type UnitSystem = User['preferences']['unit_system'];

export function ProfilePage() {
  const { client } = useApi();
  const me = useQuery({ queryKey: ['me'], queryFn: () => client.auth.me() });
  const userId = me.data?.principal_type === 'user' ? me.data.user_id : undefined;
  const user = useQuery({ queryKey: ['user', userId], queryFn: () => client.users.get(userId!), enabled: userId !== undefined });
  if (me.isError || user.isError) return <p>Your profile could not be loaded.</p>;
  if (!user.data) return <Loading>Loading your profile…</Loading>;
  return <ProfileForm key={user.data.user_id} user={user.data} />;
}

function ProfileForm({ user }: { user: User }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [displayName, setDisplayName] = useState(user.display_name);
  const [bio, setBio] = useState(user.bio ?? '');
  const [units, setUnits] = useState<UnitSystem>(user.preferences.unit_system);
  const save = useMutation({
    mutationFn: () =>
      client.users.update(user.user_id, {
        display_name: displayName,
        bio: bio.trim() === '' ? null : bio,
        preferences: { unit_system: units },
      }),
    onSuccess: (updated) => queries.setQueryData(['user', user.user_id], updated),
    meta: { fields: ['display_name', 'bio', 'preferences'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section>
      <h1>{user.display_name}</h1>
      <p className="muted">
        @{user.username} · {user.email}
      </p>
      <form onSubmit={submit} aria-label="profile">
        <Field label="Display name" error={fieldError(save.error, 'display_name')}>
          <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </Field>
        <Field label="Bio" error={fieldError(save.error, 'bio')}>
          <textarea value={bio} onChange={(e) => setBio(e.target.value)} />
        </Field>
        <Field label="Units" error={fieldError(save.error, 'preferences')}>
          <select value={units} onChange={(e) => setUnits(e.target.value as UnitSystem)}>
            <Options values={__ASTRAL_UNIT_SYSTEMS__} />
          </select>
        </Field>
        <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
          Save
        </button>
      </form>
      {save.isSuccess ? <p role="status">Saved</p> : null}
    </section>
  );
}
