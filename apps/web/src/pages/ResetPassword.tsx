/** The emailed password-reset link opens `/reset-password?token=...`: choose a new password. */
import { useState, type SyntheticEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ErrorMessage } from '../errors.js';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';

export function ResetPasswordPage() {
  const { client } = useApi();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const reset = useMutation({ mutationFn: () => client.auth.resetPassword({ token, password }) });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    reset.mutate();
  };
  if (reset.isSuccess) {
    return (
      <section>
        <h1>Password changed</h1>
        <p>{reset.data.message}</p>
        <Link to="/login">Log in</Link>
      </section>
    );
  }
  return (
    <section>
      <h1>Choose a new password</h1>
      <form onSubmit={submit}>
        <label>
          New password
          <input type="password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={reset.isPending || !token}>
          Change password
        </button>
      </form>
      <ErrorMessage error={reset.error} />
    </section>
  );
}
