/**
 * One member: the attributes the organization keeps (nickname, level, labels, status), and
 * for coaches the coach-only labels and notes, with a form to edit them. An athlete reading
 * their own membership never sees the coach-only part (the API leaves it out, and so does
 * the page, by the viewer's column).
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { allows, isCoachColumn } from '../../permissions.js';
import { Link } from '../../router.js';
import { useApi } from '../../session.js';
import { Field, fieldError } from '../../ui/Field.js';
import { Loading } from '../../ui/states.js';
import type { Viewer } from '../../viewer.js';
import { InOrganization, when } from './organization.js';
import { Options } from '../../ui/Options.js';

type Member = components['schemas']['Member'];
type Status = components['schemas']['MemberStatus'];

export function MemberPage({ userId }: { userId: string }) {
  return <InOrganization>{(viewer) => <MemberDetail viewer={viewer} userId={userId} />}</InOrganization>;
}

function MemberDetail({ viewer, userId }: { viewer: Viewer & { orgId: string }; userId: string }) {
  const { client } = useApi();
  const member = useQuery({ queryKey: ['member', viewer.orgId, userId], queryFn: () => client.organizations.member(viewer.orgId, userId) });
  if (member.isPending) return <Loading>Loading the member…</Loading>;
  if (member.isError) return <p>This member could not be loaded.</p>;
  return <MemberView member={member.data} viewer={viewer} />;
}

/** A member's attributes; the coach-only part and the form only for coaches. */
export function MemberView({ member, viewer }: { member: Member; viewer: Viewer }) {
  const coach = isCoachColumn(viewer.column);
  return (
    <article>
      <h1>{member.display_name}</h1>
      <dl className="attributes">
        <dt>Nickname</dt>
        <dd>{member.nickname ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{member.role}</dd>
        <dt>Status</dt>
        <dd>{member.status}</dd>
        <dt>Level</dt>
        <dd>{member.level ?? '—'}</dd>
        <dt>Labels</dt>
        <dd>{member.labels.length ? member.labels.join(', ') : '—'}</dd>
        <dt>Joined</dt>
        <dd>{when(member.joined_at)}</dd>
      </dl>
      {coach ? (
        <section aria-labelledby="coach-only">
          <h2 id="coach-only">Coach-only</h2>
          <dl className="attributes">
            <dt>Coach labels</dt>
            <dd>{member.coach_labels?.length ? member.coach_labels.join(', ') : '—'}</dd>
            <dt>Coach notes</dt>
            <dd>{member.coach_notes ?? '—'}</dd>
          </dl>
          {allows('updateOrganizationMember', viewer.column) ? <EditMember key={member.updated_at} member={member} /> : null}
        </section>
      ) : null}
      {viewer.column !== 'athlete' ? (
        <p>
          <Link to="/roster">Back to the roster</Link>
        </p>
      ) : null}
    </article>
  );
}

const labelsOf = (text: string): string[] =>
  text
    .split(',')
    .map((label) => label.trim())
    .filter(Boolean);

function EditMember({ member }: { member: Member }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [form, setForm] = useState({
    nickname: member.nickname ?? '',
    level: member.level ?? '',
    labels: member.labels.join(', '),
    coach_labels: (member.coach_labels ?? []).join(', '),
    coach_notes: member.coach_notes ?? '',
    status: member.status,
  });
  const save = useMutation({
    mutationFn: () =>
      client.organizations.updateMember(member.org_id, member.user_id, {
        nickname: form.nickname.trim() || null,
        level: form.level.trim() || null,
        labels: labelsOf(form.labels),
        coach_labels: labelsOf(form.coach_labels),
        coach_notes: form.coach_notes.trim() || null,
        status: form.status,
      }),
    onSuccess: (updated) => {
      queries.setQueryData(['member', member.org_id, member.user_id], updated);
      void queries.invalidateQueries({ queryKey: ['members', member.org_id] });
    },
    meta: { fields: ['nickname', 'level', 'labels', 'coach_labels', 'coach_notes', 'status'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <form onSubmit={submit} aria-label="edit member">
      <div className="grid">
        <Field label="Nickname" error={fieldError(save.error, 'nickname')}>
          <input value={form.nickname} onChange={set('nickname')} />
        </Field>
        <Field label="Level" error={fieldError(save.error, 'level')}>
          <input value={form.level} onChange={set('level')} />
        </Field>
      </div>
      <div className="grid">
        <Field label="Labels" error={fieldError(save.error, 'labels')} hint="Comma-separated, lower case (@marathon).">
          <input value={form.labels} onChange={set('labels')} />
        </Field>
        <Field label="Coach labels" error={fieldError(save.error, 'coach_labels')} hint="Only coaches see these.">
          <input value={form.coach_labels} onChange={set('coach_labels')} />
        </Field>
      </div>
      <Field label="Coach notes" error={fieldError(save.error, 'coach_notes')} hint="Only coaches see these.">
        <textarea value={form.coach_notes} onChange={set('coach_notes')} />
      </Field>
      <Field label="Member status" error={fieldError(save.error, 'status')}>
        <select value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value as Status })}>
          <Options values={__ASTRAL_MEMBER_STATUSES__} />
        </select>
      </Field>
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        Save member
      </button>
      {save.isSuccess ? <p role="status">Saved</p> : null}
    </form>
  );
}
