/**
 * Sign-up by email: ask for the verification email; the emailed link opens
 * `/signup?token=...`, where the token is checked and the password chosen. An invitation
 * opened before signing up is offered again once the account exists.
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { afterSignIn } from '../pending-invitation.js';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';
import { Field, fieldError } from '../ui/Field.js';
import { Loading } from '../ui/states.js';
import { NewPasswordField } from '../ui/NewPasswordField.js';

export function SignUpPage() {
  const { query } = useLocation();
  const token = query.get('token');
  return token ? <CompleteSignUp token={token} /> : <RequestEmail />;
}

function RequestEmail() {
  const { client } = useApi();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: (address: string) => client.auth.requestVerification({ email: address }),
    meta: { fields: ['email'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    request.mutate(email);
  };
  if (request.isSuccess) {
    return (
      <section className="narrow">
        <h1>Check your email</h1>
        <p>We sent a link to {request.variables}. Open it to choose your password.</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Sign up</h1>
      <form onSubmit={submit}>
        <Field label="Email" error={fieldError(request.error, 'email')}>
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <button type="submit" aria-busy={request.isPending} disabled={request.isPending}>
          Send me a sign-up link
        </button>
      </form>
      <p>
        Have an account? <Link to="/login">Log in</Link>
      </p>
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
    onSuccess: () => navigate(afterSignIn('/profile')),
    meta: { fields: ['password'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    complete.mutate(password);
  };
  if (check.isPending) return <Loading>Checking your link…</Loading>;
  if (check.isError || !check.data.valid) {
    return (
      <section className="narrow">
        <h1>This link does not work any more</h1>
        <p>
          <Link to="/signup">Ask for a new one</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>Create your account</h1>
      <p>Signing up as {check.data.email}</p>
      <form onSubmit={submit}>
        <NewPasswordField label="Password" error={fieldError(complete.error, 'password')} value={password} onChange={setPassword} />
        <button type="submit" aria-busy={complete.isPending} disabled={complete.isPending}>
          Create account
        </button>
      </form>
    </section>
  );
}
