/**
 * Sign-up by email: ask for the verification email; the emailed link opens
 * `/signup?token=...`, where the token is checked and the password chosen.
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../errors.js';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';

export function SignUpPage() {
  const { query } = useLocation();
  const token = query.get('token');
  return token ? <CompleteSignUp token={token} /> : <RequestEmail />;
}

function RequestEmail() {
  const { client } = useApi();
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: (address: string) => client.auth.requestVerification({ email: address }) });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    request.mutate(email);
  };
  if (request.isSuccess) {
    return (
      <section>
        <h1>Check your email</h1>
        <p>We sent a link to {request.variables}. Open it to choose your password.</p>
      </section>
    );
  }
  return (
    <section>
      <h1>Sign up</h1>
      <form onSubmit={submit}>
        <label>
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <button type="submit" disabled={request.isPending}>
          Send me a sign-up link
        </button>
      </form>
      <ErrorMessage error={request.error} />
    </section>
  );
}

function CompleteSignUp({ token }: { token: string }) {
  const { client } = useApi();
  const { navigate } = useLocation();
  const [password, setPassword] = useState('');
  const check = useQuery({ queryKey: ['verify-token', token], queryFn: () => client.auth.verifyToken({ token }), retry: false });
  const complete = useMutation({
    mutationFn: (chosen: string) => client.auth.completeSignup({ token, password: chosen }),
    onSuccess: () => navigate('/profile'),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    complete.mutate(password);
  };
  if (check.isPending) return <p>Checking your link…</p>;
  if (check.isError || !check.data.valid) {
    return (
      <section>
        <h1>This link does not work any more</h1>
        <ErrorMessage error={check.error} />
        <p>
          <Link to="/signup">Ask for a new one</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Create your account</h1>
      <p>Signing up as {check.data.email}</p>
      <form onSubmit={submit}>
        <label>
          Password
          <input type="password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={complete.isPending}>
          Create account
        </button>
      </form>
      <ErrorMessage error={complete.error} />
    </section>
  );
}
