/** An API failure as the user reads it: the API's message, and the field it names. */
import { AstralApiError } from '@astral/client';

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const text =
    error instanceof AstralApiError
      ? error.field
        ? `${error.message} (${error.field})`
        : error.message
      : error instanceof Error
        ? error.message
        : 'Something went wrong';
  return <p role="alert">{text}</p>;
}
