/** Choosing a password (sign-up, reset): its length bounds are the contract's `NewPassword`, read at build time. */
import { Field } from './Field.js';

const { min, max } = __ASTRAL_NEW_PASSWORD_LENGTH__;

export function NewPasswordField({
  label,
  error,
  value,
  onChange,
}: {
  label: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} error={error} hint={`${min} to ${max} characters, with upper- and lowercase letters and a digit.`}>
      <input
        type="password"
        autoComplete="new-password"
        required
        minLength={min}
        maxLength={max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
