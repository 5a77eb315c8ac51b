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

/** A secret shown once (an API key, an invitation link) with a copy button. */
export function ShownOnce({ label, value }: { label: string; value: string }) {
  return (
    <article className="shown-once" aria-label={label}>
      <p>
        <strong>{label}</strong>: shown this once, copy it now.
      </p>
      <div className="copy-row">
        <code>{value}</code>
        <CopyButton value={value} />
      </div>
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
