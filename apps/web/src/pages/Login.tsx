/** Log in with email and password; the client keeps the session it returns. */
import { useState, type SyntheticEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ErrorMessage } from '../errors.js';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';

export function LoginPage() {
  const { client } = useApi();
  const { navigate } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => client.auth.login({ email, password }),
    onSuccess: () => navigate('/races'),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <section>
      <h1>Log in</h1>
      <form onSubmit={submit}>
        <label>
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={login.isPending}>
          Log in
        </button>
      </form>
      <ErrorMessage error={login.error} />
      <p>
        New here? <Link to="/signup">Sign up</Link>
      </p>
    </section>
  );
}
