/**
 * A labelled input with its inline error: when the API's `details.field` names this input,
 * the message shows under it and the input is marked invalid (`aria-invalid`, described by
 * the message), so a screen reader hears which field is wrong.
 */
import { cloneElement, useId, type ReactElement } from 'react';
import { AstralApiError } from '@astral/client';

/** The API's message when its `details.field` is `name` (or `name[0]`, `name.sub`), else `undefined`. */
export function fieldError(error: unknown, name: string): string | undefined {
  if (!(error instanceof AstralApiError) || error.field === undefined) return undefined;
  const field = error.field;
  return field === name || field.startsWith(`${name}[`) || field.startsWith(`${name}.`) ? error.message : undefined;
}

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactElement;
}) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const control = cloneElement(children as ReactElement<Record<string, unknown>>, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {error ? (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      ) : hint ? (
        <small id={`${id}-hint`}>{hint}</small>
      ) : null}
    </div>
  );
}
