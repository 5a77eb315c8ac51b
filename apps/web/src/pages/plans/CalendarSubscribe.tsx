/**
 * "Subscribe in your calendar": the signed-in user's own secret feed URL of a plan instance
 * (`createTrainingPlanInstanceCalendarFeed`), for calendar apps that send no headers. The URL
 * is in the create's answer only, so it is shown once (`ShownOnce`, with its `webcal://`
 * twin); afterwards the page knows only that a feed exists and when it was made and last read
 * (`getTrainingPlanInstanceCalendarFeed`, a `404` when there is none: not an error here). A new
 * link stops the old one and revoking stops it for good, so both are asked first.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AstralApiError } from '@astral/client';
import { useApi } from '../../session.js';
import { RevokeButton } from '../../ui/RevokeButton.js';
import { Loading, ShownOnce } from '../../ui/states.js';
import { when } from '../coach/organization.js';

export function CalendarSubscribe({ instanceId }: { instanceId: string }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const queryKey = ['calendar-feed', instanceId];
  const [asking, setAsking] = useState<'replace' | 'revoke' | null>(null);
  const feed = useQuery({
    queryKey,
    queryFn: async () => {
      try {
        return await client.trainingPlans.instanceCalendarFeed(instanceId);
      } catch (error) {
        // No feed yet is the contract's 404; the page offers to make one rather than a toast.
        if (error instanceof AstralApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const create = useMutation({
    mutationFn: () => client.trainingPlans.createInstanceCalendarFeed(instanceId),
    onSuccess: (made) => {
      setAsking(null);
      queries.setQueryData(queryKey, { plan_instance_id: instanceId, created_at: made.created_at, last_used_at: null });
    },
  });
  const revoke = useMutation({
    mutationFn: () => client.trainingPlans.revokeInstanceCalendarFeed(instanceId),
    onSuccess: () => {
      setAsking(null);
      create.reset();
      queries.setQueryData(queryKey, null);
    },
  });
  const busy = create.isPending || revoke.isPending;
  return (
    <section aria-labelledby="subscribe-heading" className="feed">
      <h2 id="subscribe-heading">Subscribe in your calendar</h2>
      <p role="status">{revoke.isSuccess ? 'Sharing stopped: the link no longer works.' : ''}</p>
      {feed.isPending ? <Loading>Checking for your calendar link…</Loading> : null}
      {feed.isError ? <p>Your calendar link could not be checked.</p> : null}
      {create.data ? (
        <ShownOnce label="Calendar link" value={create.data.url} field>
          <p>
            It will not be shown again. Anyone with this link can see this schedule, so share it only with your calendar.{' '}
            <a href={create.data.webcal_url}>Open in calendar app</a>
          </p>
        </ShownOnce>
      ) : null}
      {feed.data === null ? (
        <>
          <p>Make a private link that Google Calendar, Apple Calendar or Outlook can subscribe to; the workouts then show up there.</p>
          <button type="button" onClick={() => create.mutate()} aria-busy={create.isPending} disabled={busy}>
            Make a calendar link
          </button>
        </>
      ) : null}
      {feed.data ? (
        <>
          <p>
            Your link was made {when(feed.data.created_at)};{' '}
            {feed.data.last_used_at ? `a calendar last read it ${when(feed.data.last_used_at)}` : 'no calendar has read it yet'}.
          </p>
          {asking === 'replace' ? (
            <div role="group" aria-label="Replace the calendar link?" className="confirm">
              <p>A new link replaces this one: the old link stops working at once, so subscribe again with the new one.</p>
              <button type="button" onClick={() => create.mutate()} aria-busy={create.isPending} disabled={busy}>
                Yes, make a new link
              </button>
              <button type="button" className="outline" onClick={() => setAsking(null)}>
                Keep the old link
              </button>
            </div>
          ) : asking === 'revoke' ? (
            <div role="group" aria-label="Stop sharing the calendar?" className="confirm">
              <p>The link stops working at once; calendars subscribed to it stop getting this schedule.</p>
              <RevokeButton name="the calendar link" onRevoke={() => revoke.mutate()} />
              <button type="button" className="outline" onClick={() => setAsking(null)}>
                Keep sharing
              </button>
            </div>
          ) : (
            <div className="action-row">
              <button type="button" className="secondary" onClick={() => setAsking('replace')} disabled={busy}>
                New link
              </button>
              <button type="button" className="outline secondary" onClick={() => setAsking('revoke')} disabled={busy}>
                Stop sharing
              </button>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
