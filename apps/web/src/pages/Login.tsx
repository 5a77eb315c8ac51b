/** Log in with email and password; the client keeps the session it returns. */
import { useState, type SyntheticEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { afterSignIn } from '../pending-invitation.js';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';
import { Field, fieldError } from '../ui/Field.js';

export function LoginPage() {
  const { client } = useApi();
  const { navigate } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => client.auth.login({ email, password }),
    onSuccess: () => navigate(afterSignIn('/races')),
    meta: { fields: ['email', 'password'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <section className="narrow">
      <h1>Log in</h1>
      <form onSubmit={submit}>
        <Field label="Email" error={fieldError(login.error, 'email')}>
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" error={fieldError(login.error, 'password')}>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" aria-busy={login.isPending} disabled={login.isPending}>
          Log in
        </button>
      </form>
      <p>
        New here? <Link to="/signup">Sign up</Link>
      </p>
    </section>
  );
}
