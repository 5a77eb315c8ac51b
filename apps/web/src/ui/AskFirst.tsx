import { useState, type ReactNode } from 'react';

/**
 * A destructive action asked twice: the first button asks `question`, the second does it.
 * One component, so every "for good?" in the app reads and behaves the same way.
 */
export function AskFirst({
  action,
  groupLabel,
  question,
  confirm,
  pending,
  onConfirm,
}: {
  /** The first button's text ("Delete activity"). */
  action: string;
  /** The confirmation group's accessible name ("Delete this activity?"). */
  groupLabel: string;
  question: ReactNode;
  /** The second button's text ("Yes, delete"). */
  confirm: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="outline secondary" onClick={() => setAsking(true)}>
        {action}
      </button>
    );
  }
  return (
    <div role="group" aria-label={groupLabel} className="confirm">
      <p>{question}</p>
      <button type="button" className="secondary" onClick={onConfirm} aria-busy={pending} disabled={pending}>
        {confirm}
      </button>
      <button type="button" className="outline" onClick={() => setAsking(false)}>
        Keep it
      </button>
    </div>
  );
}
