/**
 * The progress of a streamed generation: a progress bar moving with every event, a live
 * region that says only the milestones (`milestone()`: the start, each quarter, the end) and
 * how it ended, and while it runs a Cancel button that aborts the request.
 */
import { milestone, type StreamEnd } from './stream-call.js';

export function StreamProgress({
  label,
  verb,
  done,
  total,
  running,
  end,
  onCancel,
}: {
  /** Names the bar and the Cancel button: "the draft", "the plan". */
  label: string;
  /** What happens to a week: "drafted", "generated". */
  verb: string;
  done: number;
  total: number;
  running: boolean;
  end: StreamEnd | undefined;
  onCancel: () => void;
}) {
  const said = running
    ? milestone(done, total, verb)
    : end === 'cancelled'
      ? `Cancelled: ${done} of ${total} weeks ${verb}, the generation stopped.`
      : end === 'ended'
        ? `Done: ${done} of ${total} weeks ${verb}.`
        : '';
  return (
    <div className="stream-progress">
      {running ? <progress aria-label={`Generating ${label}`} value={done} max={Math.max(total, 1)} /> : null}
      <p role="status" aria-live="polite">
        {said}
      </p>
      {running ? (
        <button type="button" className="outline secondary" onClick={onCancel} aria-label={`Cancel ${label}`}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
