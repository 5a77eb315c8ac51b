/** The loading and empty states every list and page shares. */
import { useState, type ReactNode } from 'react';

export function Loading({ children }: { children: ReactNode }) {
  return (
    <p aria-busy="true" className="loading">
      {children}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/**
 * A secret shown once (an API key, an invitation link, a calendar feed URL) with a copy
 * button; `field` shows it in a read-only input (a long URL one selects), `children` say
 * more under it (what the secret lets anyone do, another way to open it).
 */
export function ShownOnce({
  label,
  value,
  field = false,
  children,
}: {
  label: string;
  value: string;
  field?: boolean;
  children?: ReactNode;
}) {
  return (
    <article className="shown-once" aria-label={label}>
      <p>
        <strong>{label}</strong>: shown this once, copy it now.
      </p>
      <div className="copy-row">
        {field ? <input readOnly value={value} aria-label={label} onFocus={(event) => event.target.select()} /> : <code>{value}</code>}
        <CopyButton value={value} />
      </div>
      {children}
    </article>
  );
}

function CopyButton({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => void navigator.clipboard?.writeText(value).then(() => setCopied(true));
  return (
    <>
      <button type="button" className="secondary" onClick={copy}>
        Copy
      </button>
      <span role="status">{copied ? 'Copied' : ''}</span>
    </>
  );
}
