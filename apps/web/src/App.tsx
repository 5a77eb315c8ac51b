/** The pages and the navigation; what a signed-out visitor sees differs from an athlete's. */
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation } from './router.js';
import { useApi } from './session.js';
import { LoginPage } from './pages/Login.js';
import { ProfilePage } from './pages/Profile.js';
import { RaceDetailPage, RacesPage } from './pages/Races.js';
import { ResetPasswordPage } from './pages/ResetPassword.js';
import { SignUpPage } from './pages/SignUp.js';

function Page() {
  const { path } = useLocation();
  const { session } = useApi();
  // The emailed links work signed in or out.
  if (path === '/signup') return <SignUpPage />;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (!session) return <LoginPage />;
  const race = /^\/races\/([^/]+)$/.exec(path);
  if (race) return <RaceDetailPage raceId={decodeURIComponent(race[1]!)} />;
  if (path === '/profile') return <ProfilePage />;
  return <RacesPage />;
}

function Navigation() {
  const { client, session } = useApi();
  const { navigate } = useLocation();
  const logout = useMutation({ mutationFn: () => client.auth.logout(), onSettled: () => navigate('/login') });
  return (
    <nav>
      <strong>Astral</strong>{' '}
      {session ? (
        <>
          <Link to="/races">Races</Link> <Link to="/profile">Profile</Link>{' '}
          <button type="button" onClick={() => logout.mutate()}>
            Log out
          </button>
        </>
      ) : (
        <>
          <Link to="/login">Log in</Link> <Link to="/signup">Sign up</Link>
        </>
      )}
    </nav>
  );
}

export function App() {
  return (
    <>
      <Navigation />
      <main>
        <Page />
      </main>
    </>
  );
}
