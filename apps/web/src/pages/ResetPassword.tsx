/** The emailed password-reset link opens `/reset-password?token=...`: choose a new password. */
import { useState, type SyntheticEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';
import { fieldError } from '../ui/Field.js';
import { NewPasswordField } from '../ui/NewPasswordField.js';

export function ResetPasswordPage() {
  const { client } = useApi();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const reset = useMutation({ mutationFn: () => client.auth.resetPassword({ token, password }), meta: { fields: ['password'] } });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    reset.mutate();
  };
  if (reset.isSuccess) {
    return (
      <section className="narrow">
        <h1>Password changed</h1>
        <p>{reset.data.message}</p>
        <Link to="/login">Log in</Link>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Choose a new password</h1>
      <form onSubmit={submit}>
        <NewPasswordField label="New password" error={fieldError(reset.error, 'password')} value={password} onChange={setPassword} />
        <button type="submit" disabled={reset.isPending || !token}>
          Change password
        </button>
      </form>
    </section>
  );
}
