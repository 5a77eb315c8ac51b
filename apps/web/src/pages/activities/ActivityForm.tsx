/**
 * Logging an activity by hand (`createActivity`, for oneself or with `?user_id=` for an athlete
 * one coaches) and editing one (a partial `updateActivity` of the fields changed). The
 * API checks every bound; its 400 shows at the input its `details.field` names.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { Field, fieldError } from '../../ui/Field.js';
import { Options } from '../../ui/Options.js';
import { Loading } from '../../ui/states.js';
import { activityDistanceUnit, elevationUnit, useUnitSystem, type UnitSystem } from '../../units.js';

type Activity = components['schemas']['Activity'];
type ActivityCreate = components['schemas']['ActivityCreate'];
type ActivityType = components['schemas']['ActivityType'];
type ActivityStatus = components['schemas']['ActivityStatus'];

/**
 * The form's inputs, as typed: numbers in the units a person thinks in (minutes; km and m, or
 * mi and ft, as their profile's `unit_system` says, and which `units` records).
 */
interface Draft {
  units: UnitSystem;
  title: string;
  activity_type: ActivityType;
  status: ActivityStatus;
  start: string;
  duration_min: string;
  distance: string;
  moving_min: string;
  elevation_m: string;
  average_hr: string;
  max_hr: string;
  description: string;
}

/** The request fields the form has an input for: the API's 400 on one of them shows there. */
const FIELDS = [
  'title',
  'activity_type',
  'status',
  'start_time',
  'duration_seconds',
  'distance_meters',
  'moving_time_seconds',
  'elevation_gain_meters',
  'average_heart_rate',
  'max_heart_rate',
  'description',
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');
/** An instant as a `datetime-local` input holds it, in the reader's time zone. */
function localInput(instant: Date): string {
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}
/** An empty input is `null` (not measured); a number input holds only numbers, in `factor`s of the API's unit. */
function numberOf(text: string, factor = 1): number | null {
  if (text.trim() === '') return null;
  return Math.round(Number(text) * factor * 10) / 10;
}
const wholeOf = (text: string, factor = 1): number | null => {
  const value = numberOf(text, factor);
  return value === null ? null : Math.round(value);
};

const text = (value: number | null, factor = 1) => (value === null ? '' : String(Math.round((value / factor) * 100) / 100));

function draftOf(activity: Activity | undefined, units: UnitSystem): Draft {
  return {
    units,
    title: activity?.title ?? '',
    activity_type: activity?.activity_type ?? 'run',
    status: activity?.status ?? 'completed',
    start: localInput(activity ? new Date(activity.start_time) : new Date()),
    duration_min: text(activity?.duration_seconds ?? null, 60),
    distance: text(activity?.distance_meters ?? null, activityDistanceUnit(units).meters),
    moving_min: text(activity?.moving_time_seconds ?? null, 60),
    elevation_m: text(activity?.elevation_gain_meters ?? null, elevationUnit(units).meters),
    average_hr: text(activity?.average_heart_rate ?? null),
    max_hr: text(activity?.max_heart_rate ?? null),
    description: activity?.description ?? '',
  };
}

/** The request body the draft stands for (the fields of a create; an update takes the same, without `user_id`). */
function bodyOf(draft: Draft): Omit<ActivityCreate, 'user_id'> {
  return {
    title: draft.title,
    activity_type: draft.activity_type,
    status: draft.status,
    start_time: new Date(draft.start).toISOString(),
    duration_seconds: wholeOf(draft.duration_min, 60) ?? 0,
    distance_meters: numberOf(draft.distance, activityDistanceUnit(draft.units).meters),
    moving_time_seconds: wholeOf(draft.moving_min, 60),
    elevation_gain_meters: numberOf(draft.elevation_m, elevationUnit(draft.units).meters),
    average_heart_rate: wholeOf(draft.average_hr),
    max_heart_rate: wholeOf(draft.max_hr),
    description: draft.description.trim() || null,
  };
}

/**
 * The draft in `units`: the profile may load after the form opened, and what was typed is
 * kept, converted (5 typed as km reads 3.11 mi).
 */
function inUnits(draft: Draft, units: UnitSystem): Draft {
  if (draft.units === units) return draft;
  const convert = (typed: string, unit: (system: UnitSystem) => { meters: number }) =>
    text(numberOf(typed, unit(draft.units).meters), unit(units).meters);
  return {
    ...draft,
    units,
    distance: convert(draft.distance, activityDistanceUnit),
    elevation_m: convert(draft.elevation_m, elevationUnit),
  };
}

/**
 * The fields the person changed, and only those: the form shows numbers rounded to what one
 * types (8.04 km), so sending every field back would round the recorded 8042.5 m away.
 */
function changedFields<T extends object>(before: T, after: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(after).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(before[name as keyof T])),
  ) as Partial<T>;
}

export function NewActivityPage() {
  const { client } = useApi();
  const { query, navigate } = useLocation();
  const userId = query.get('user_id') ?? undefined;
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: (draft: Draft) => client.activities.create({ ...bodyOf(draft), ...(userId ? { user_id: userId } : {}) }),
    onSuccess: (created) => {
      queries.setQueryData(['activity', created.activity_id], created.data);
      void queries.invalidateQueries({ queryKey: ['activities'] });
      navigate(`/activities/${created.activity_id}`);
    },
    meta: { fields: FIELDS },
  });
  return <ActivityForm heading="Log an activity" submitLabel="Log activity" initial={(units) => draftOf(undefined, units)} save={save} />;
}

export function EditActivityPage({ activityId }: { activityId: string }) {
  const { client } = useApi();
  const { navigate } = useLocation();
  const queries = useQueryClient();
  const activity = useQuery({ queryKey: ['activity', activityId], queryFn: () => client.activities.get(activityId) });
  const save = useMutation({
    mutationFn: async (draft: Draft) => {
      const changes = changedFields(bodyOf(draftOf(activity.data, draft.units)), bodyOf(draft));
      // Nothing changed: the API refuses an empty update, and there is nothing to ask it.
      return Object.keys(changes).length > 0 ? (await client.activities.update(activityId, changes)).data : activity.data!;
    },
    onSuccess: (updated) => {
      queries.setQueryData(['activity', activityId], updated);
      void queries.invalidateQueries({ queryKey: ['activities'] });
      navigate(`/activities/${activityId}`);
    },
    meta: { fields: FIELDS },
  });
  if (activity.isPending) return <Loading>Loading the activity…</Loading>;
  if (activity.isError) return <p>This activity could not be loaded.</p>;
  return (
    <ActivityForm
      heading={`Edit ${activity.data.title}`}
      submitLabel="Save activity"
      initial={(units) => draftOf(activity.data, units)}
      save={save}
    />
  );
}

interface Save {
  mutate: (draft: Draft) => void;
  isPending: boolean;
  error: unknown;
}

interface FormProps {
  heading: string;
  submitLabel: string;
  initial: (units: UnitSystem) => Draft;
  save: Save;
}

function ActivityForm({ heading, submitLabel, initial, save }: FormProps) {
  const units = useUnitSystem();
  const [draft, setDraft] = useState(() => initial(units));
  useEffect(() => setDraft((current) => inUnits(current, units)), [units]);
  const set = (name: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value });
  const error = (field: (typeof FIELDS)[number]) => fieldError(save.error, field);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const number = { type: 'number', step: 'any', min: 0 } as const;
  return (
    <section>
      <h1>{heading}</h1>
      <form onSubmit={submit} aria-label={heading}>
        <Field label="Title" error={error('title')}>
          <input required value={draft.title} onChange={set('title')} />
        </Field>
        <div className="grid">
          <Field label="Type" error={error('activity_type')}>
            <select value={draft.activity_type} onChange={set('activity_type')}>
              <Options values={__ASTRAL_ACTIVITY_TYPES__} />
            </select>
          </Field>
          <Field label="Status" error={error('status')}>
            <select value={draft.status} onChange={set('status')}>
              <Options values={__ASTRAL_ACTIVITY_STATUSES__} />
            </select>
          </Field>
          <Field label="Start" error={error('start_time')}>
            <input type="datetime-local" required value={draft.start} onChange={set('start')} />
          </Field>
        </div>
        <div className="grid">
          <Field
            label="Duration (minutes)"
            error={error('duration_seconds')}
            hint={`At most ${__ASTRAL_ACTIVITY_MAX_DURATION__ / 60} minutes.`}
          >
            <input {...number} required value={draft.duration_min} onChange={set('duration_min')} />
          </Field>
          <Field label="Moving time (minutes)" error={error('moving_time_seconds')}>
            <input {...number} value={draft.moving_min} onChange={set('moving_min')} />
          </Field>
          <Field label={`Distance (${activityDistanceUnit(draft.units).name})`} error={error('distance_meters')}>
            <input {...number} value={draft.distance} onChange={set('distance')} />
          </Field>
        </div>
        <div className="grid">
          <Field label={`Elevation gain (${elevationUnit(draft.units).name})`} error={error('elevation_gain_meters')}>
            <input {...number} value={draft.elevation_m} onChange={set('elevation_m')} />
          </Field>
          <Field label="Average heart rate (bpm)" error={error('average_heart_rate')}>
            <input {...number} value={draft.average_hr} onChange={set('average_hr')} />
          </Field>
          <Field label="Max heart rate (bpm)" error={error('max_heart_rate')}>
            <input {...number} value={draft.max_hr} onChange={set('max_hr')} />
          </Field>
        </div>
        <Field label="Description" error={error('description')}>
          <textarea value={draft.description} onChange={set('description')} />
        </Field>
        <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
          {submitLabel}
        </button>
      </form>
    </section>
  );
}
