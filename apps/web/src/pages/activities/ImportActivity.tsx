/**
 * Importing a device file (`importActivity`): a GPX or FIT file a watch recorded, sent as
 * itself with its media type, for oneself or with `?user_id=` for an athlete one coaches. The
 * API computes everything from the points; what it refuses (a corrupt or unsafe file, a
 * duplicate recording, a file over the limit) shows under the file input, and a duplicate
 * links to the activity already imported.
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AstralApiError } from '@astral/client';
import type { components } from '@astral/openapi';
import { Link, useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { Field } from '../../ui/Field.js';
import { Options } from '../../ui/Options.js';

type ActivityType = components['schemas']['ActivityType'];

/** The media type the contract lists for a file, from its name (a device names its files by format). */
export function mediaTypeOfFile(name: string): 'application/gpx+xml' | 'application/vnd.ant.fit' | undefined {
  const extension = name.toLowerCase().split('.').pop();
  if (extension === 'gpx') return 'application/gpx+xml';
  if (extension === 'fit') return 'application/vnd.ant.fit';
  return undefined;
}

/** The activity a `409 DUPLICATE_IMPORT` names (`details.existing_id`). */
function existingIdOf(error: unknown): string | undefined {
  if (!(error instanceof AstralApiError) || error.code !== 'DUPLICATE_IMPORT') return undefined;
  const details = (error.body as { details?: { existing_id?: unknown } } | undefined)?.details;
  return typeof details?.existing_id === 'string' ? details.existing_id : undefined;
}

interface Upload {
  file: File;
  activityType: ActivityType;
  title: string;
}

export function ImportActivityPage() {
  const { client } = useApi();
  const { query, navigate } = useLocation();
  const userId = query.get('user_id') ?? undefined;
  const queries = useQueryClient();
  const [file, setFile] = useState<File | undefined>();
  const [activityType, setActivityType] = useState<ActivityType>('run');
  const [title, setTitle] = useState('');
  const [notAFile, setNotAFile] = useState<string | undefined>();
  const upload = useMutation({
    mutationFn: ({ file, activityType, title }: Upload) =>
      client.activities.import(
        { data: file, type: mediaTypeOfFile(file.name)! },
        { activity_type: activityType, ...(title.trim() ? { title: title.trim() } : {}), ...(userId ? { user_id: userId } : {}) },
      ),
    onSuccess: (imported) => {
      queries.setQueryData(['activity', imported.activity_id], imported.data);
      void queries.invalidateQueries({ queryKey: ['activities'] });
      navigate(`/activities/${imported.activity_id}`);
    },
    // Every refusal of the file is shown under its input, not as a toast.
    meta: { inline: true },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!file) return;
    if (!mediaTypeOfFile(file.name)) {
      setNotAFile(`${file.name} is not a .gpx or .fit file`);
      return;
    }
    setNotAFile(undefined);
    upload.mutate({ file, activityType, title });
  };
  const existingId = existingIdOf(upload.error);
  const refused = notAFile ?? (upload.error instanceof Error ? upload.error.message : undefined);
  return (
    <section>
      <h1>Import a device file</h1>
      <p>A GPX or FIT file from a watch or an app: the route, the streams and every metric are read from its points.</p>
      <form onSubmit={submit} aria-label="Import a device file">
        <Field label="File (.gpx or .fit)" error={refused}>
          <input
            type="file"
            accept=".gpx,.fit,application/gpx+xml,application/vnd.ant.fit"
            onChange={(e) => setFile(e.target.files?.[0])}
          />
        </Field>
        {existingId ? (
          <p>
            <Link to={`/activities/${existingId}`}>Open the activity already imported</Link>
          </p>
        ) : null}
        <div className="grid">
          <Field label="Type" hint="Device files do not say the sport reliably.">
            <select value={activityType} onChange={(e) => setActivityType(e.target.value as ActivityType)}>
              <Options values={__ASTRAL_ACTIVITY_TYPES__} />
            </select>
          </Field>
          <Field label="Title (optional)" hint="Else the sport and the start date.">
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </Field>
        </div>
        <button type="submit" aria-busy={upload.isPending} disabled={upload.isPending || !file}>
          Import
        </button>
      </form>
    </section>
  );
}
