/**
 * The emailed (or shared) invitation link opens `/join?token=...`. Signed out, the page keeps
 * the token and asks the person to sign up or log in first (then brings them back here);
 * signed in, one button accepts it (`acceptInvitation`) and shows the club.
 */
import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { pendingInvitation } from '../pending-invitation.js';
import { Link, useLocation } from '../router.js';
import { useApi } from '../session.js';

export function JoinPage() {
  const { session } = useApi();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  return session ? <Accept token={token} /> : <SignInFirst token={token} />;
}

function SignInFirst({ token }: { token: string }) {
  useEffect(() => {
    if (token) pendingInvitation.keep(token);
  }, [token]);
  return (
    <section className="narrow">
      <h1>You are invited to a club on Astral</h1>
      <p>Sign up (or log in, if you have an account), and this invitation will be waiting for you.</p>
      <div className="actions">
        <Link to="/signup">Sign up</Link>
        <Link to="/login">Log in</Link>
      </div>
    </section>
  );
}

function Accept({ token }: { token: string }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const { navigate } = useLocation();
  const accept = useMutation({
    mutationFn: () => client.organizations.acceptInvitation({ token }),
    onSuccess: async () => {
      // The profile now names the organization: the navigation and the club page re-read it.
      await queries.invalidateQueries({ queryKey: ['me'] });
      navigate('/club');
    },
  });
  return (
    <section className="narrow">
      <h1>Join the club</h1>
      <p>A coach invited you to their organization on Astral. Joining lets them see your membership and coach you.</p>
      <button type="button" onClick={() => accept.mutate()} aria-busy={accept.isPending} disabled={accept.isPending || !token}>
        Accept the invitation
      </button>
    </section>
  );
}
