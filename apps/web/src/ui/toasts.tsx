/**
 * Error toasts: every failed query or mutation of the app (a 4xx or 5xx in the API's error
 * shape, or no answer at all) shows its message, its `details` and the request id to quote,
 * unless the form that sent it shows the error at the field `details.field` names (a
 * mutation's `meta.fields`). Read from TanStack Query's caches, so no page has to remember.
 */
import { useEffect, useState } from 'react';
import { useQueryClient, type Mutation } from '@tanstack/react-query';
import { AstralApiError } from '@astral/client';

interface Toast {
  id: number;
  message: string;
  detail: string | undefined;
}

/**
 * What a form declares it shows inline: the request fields it has inputs for (`meta.fields`),
 * or every error (`meta.inline`: a file upload, whose refusals name no field).
 */
declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { fields?: readonly string[]; inline?: boolean };
  }
}

/** An error's text as the user reads it: the API's message and the field it names. */
export function errorText(error: unknown): string {
  if (error instanceof AstralApiError) return error.field ? `${error.message} (${error.field})` : error.message;
  return error instanceof Error ? error.message : 'Something went wrong';
}

function toastOf(id: number, error: unknown): Toast {
  if (!(error instanceof AstralApiError)) return { id, message: errorText(error), detail: undefined };
  const parts = [error.status ? `${error.status} ${error.code}` : error.code, error.requestId ? `request ${error.requestId}` : undefined];
  return { id, message: errorText(error), detail: parts.filter(Boolean).join(' · ') };
}

/** Whether a form shows this mutation's error at one of its inputs. */
function shownInline(mutation: Mutation<unknown, unknown, unknown, unknown>, error: unknown): boolean {
  if (mutation.meta?.inline) return true;
  const fields = mutation.meta?.fields;
  return error instanceof AstralApiError && error.field !== undefined && (fields?.includes(error.field) ?? false);
}

const TOAST_MS = 8000;

export function Toasts() {
  const queries = useQueryClient();
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    let next = 0;
    const push = (error: unknown) => {
      const toast = toastOf(++next, error);
      setToasts((shown) => [...shown.slice(-2), toast]);
      setTimeout(() => setToasts((shown) => shown.filter((t) => t.id !== toast.id)), TOAST_MS);
    };
    const offQueries = queries.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') push(event.action.error);
    });
    const offMutations = queries.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && !shownInline(event.mutation, event.action.error)) {
        push(event.action.error);
      }
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [queries]);
  return (
    <section className="toasts" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} role="alert" className="toast">
          <p>{toast.message}</p>
          {toast.detail ? <small>{toast.detail}</small> : null}
          <button
            type="button"
            className="outline secondary"
            aria-label="Dismiss"
            onClick={() => setToasts((shown) => shown.filter((t) => t.id !== toast.id))}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
