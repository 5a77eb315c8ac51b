/**
 * The AI coach's two steps (`/plans/generate`, for a column that may generate and create
 * plans), both streamed (`text/event-stream`, read as the client's typed `EventStream`): what
 * to plan for → the readable draft (`streamPlanDraft`), arriving line by line into a textarea
 * the coach may edit once it is complete → the plan (`streamPlan`, `GeneratedPlanStep`), week
 * by week, then saved as it is and opened. Each stream shows its progress and can be
 * cancelled, which aborts the request. Nothing is stored before "Save".
 */
import { useState, type SyntheticEvent } from 'react';
import type { components } from '@astral/openapi';
import { useApi } from '../../session.js';
import { Field, fieldError } from '../../ui/Field.js';
import { Options } from '../../ui/Options.js';
import { nextMonday } from './AssignPlan.js';
import { GeneratedPlanStep } from './GeneratedPlanStep.js';
import { StreamProgress } from './StreamProgress.js';
import { useStreamCall } from './stream-call.js';

type DraftRequest = components['schemas']['PlanDraftRequest'];
type PlanDraft = components['schemas']['PlanDraft'];
type Weekday = components['schemas']['Weekday'];

const dayName = (day: string): string => day.charAt(0).toUpperCase() + day.slice(1);

/** How many of the draft's lines are weeks (`Week 3 · build · 38 km`): the draft stream's progress. */
const weeksIn = (draft: string): number => draft.match(/^Week \d+/gm)?.length ?? 0;

export function GeneratePlanPage() {
  const { client } = useApi();
  const [request, setRequest] = useState<DraftRequest>({
    weeks: 8,
    level: 'beginner',
    start_date: nextMonday(),
    workout_days: ['tuesday', 'thursday', 'saturday'],
  });
  // What the draft stream sent, its text as it arrives (then as the coach edits it), and the whole draft at its end.
  const [sent, setSent] = useState<DraftRequest | null>(null);
  const [refined, setRefined] = useState('');
  const [generator, setGenerator] = useState('');
  const [completed, setCompleted] = useState<PlanDraft | null>(null);
  // A new draft starts the plan step afresh (its `key`).
  const [run, setRun] = useState(0);
  const draft = useStreamCall({
    open: (body: DraftRequest, signal) => client.aiCoach.streamPlanDraft(body, { signal }),
    onEvent: (event) => {
      if (event.type === 'draft_started') setGenerator(event.generator);
      if (event.type === 'draft_chunk') setRefined((text) => text + event.text);
      if (event.type === 'draft_completed') {
        setCompleted(event.data);
        setRefined(event.data.draft);
      }
    },
    fields: ['weeks', 'start_date', 'workout_days', 'race_id'],
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setSent(request);
    setRefined('');
    setGenerator('');
    setCompleted(null);
    setRun(run + 1);
    draft.mutate(request);
  };
  const toggle = (day: Weekday, on: boolean) =>
    setRequest({ ...request, workout_days: __ASTRAL_WEEKDAYS__.filter((d) => (d === day ? on : request.workout_days.includes(d))) });
  // The pieces joined are the draft (the contract's `draft_chunk`), so a stream that ended without its last event still gave one.
  const end = draft.isSuccess ? draft.data : undefined;
  const ready = sent !== null && (completed !== null || end === 'ended');
  return (
    <section>
      <h1>Generate a plan</h1>
      <form onSubmit={submit} aria-label="what to plan for" className="filters">
        <Field label="Weeks" error={fieldError(draft.error, 'weeks')}>
          <input
            type="number"
            min={1}
            max={52}
            required
            value={request.weeks}
            onChange={(e) => setRequest({ ...request, weeks: Number(e.target.value) })}
          />
        </Field>
        <Field label="Level">
          <select value={request.level} onChange={(e) => setRequest({ ...request, level: e.target.value as DraftRequest['level'] })}>
            <Options values={__ASTRAL_DRAFT_LEVELS__} />
          </select>
        </Field>
        <Field label="First day" error={fieldError(draft.error, 'start_date')}>
          <input type="date" required value={request.start_date} onChange={(e) => setRequest({ ...request, start_date: e.target.value })} />
        </Field>
        <fieldset className="statuses">
          <legend>Workout days</legend>
          {__ASTRAL_WEEKDAYS__.map((day) => (
            <label key={day} className="checkbox">
              <input type="checkbox" checked={request.workout_days.includes(day)} onChange={(e) => toggle(day, e.target.checked)} />
              {dayName(day)}
            </label>
          ))}
        </fieldset>
        <button type="submit" aria-busy={draft.isPending} disabled={draft.isPending || request.workout_days.length === 0}>
          Generate draft
        </button>
      </form>
      <StreamProgress
        label="the draft"
        verb="drafted"
        done={weeksIn(refined)}
        total={completed?.request.weeks ?? sent?.weeks ?? 0}
        running={draft.isPending}
        end={end}
        onCancel={draft.cancel}
      />
      {sent && (draft.isPending || refined) ? (
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading">Draft</h2>
          <p>
            <small>
              {generator ? `By ${generator}` : 'Starting…'}
              {completed
                ? `; training principle: ${completed.training_principle.text ?? 'none'} (${completed.training_principle.source}).`
                : ''}
            </small>
          </p>
          <GeneratedPlanStep
            key={run}
            draft={refined}
            onDraftChange={setRefined}
            request={ready ? { ...(completed?.request ?? sent), refined_draft: refined } : null}
          />
        </section>
      ) : null}
    </section>
  );
}
