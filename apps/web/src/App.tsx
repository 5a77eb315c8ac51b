/**
 * The pages, the header and the error toasts; what a signed-out visitor sees differs from a
 * member's. A coach's plan tools (the AI coach, the plan editor) load on demand, in a chunk of
 * their own, so the first load stays within the bundle budget.
 */
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { Navigation } from './navigation.js';
import { useLocation } from './router.js';
import { useApi } from './session.js';
import { Toasts } from './ui/toasts.js';
import { Loading } from './ui/states.js';
import { LoginPage } from './pages/Login.js';
import { ProfilePage } from './pages/Profile.js';
import { RaceDetailPage, RacesPage } from './pages/Races.js';
import { ResetPasswordPage } from './pages/ResetPassword.js';
import { SignUpPage } from './pages/SignUp.js';
import { JoinPage } from './pages/Join.js';
import { ClubPage } from './pages/coach/Club.js';
import { RosterPage } from './pages/coach/Roster.js';
import { MemberPage } from './pages/coach/Member.js';
import { GroupsPage } from './pages/coach/Groups.js';
import { InvitationsPage } from './pages/coach/Invitations.js';
import { ApiKeysPage } from './pages/coach/ApiKeys.js';
import { AuditPage } from './pages/coach/Audit.js';
import { ActivitiesPage } from './pages/activities/ActivityList.js';
import { ActivityPage } from './pages/activities/ActivityPage.js';
import { EditActivityPage, NewActivityPage } from './pages/activities/ActivityForm.js';
import { ImportActivityPage } from './pages/activities/ImportActivity.js';
import { PlansPage } from './pages/plans/PlanList.js';
import { PlanPage } from './pages/plans/PlanPage.js';
import { InstancePage } from './pages/plans/InstancePage.js';

const NewPlanPage = lazy(() => import('./pages/plans/editor/PlanEditor.js').then((page) => ({ default: page.NewPlanPage })));
const EditPlanPage = lazy(() => import('./pages/plans/editor/PlanEditor.js').then((page) => ({ default: page.EditPlanPage })));
const GeneratePlanPage = lazy(() => import('./pages/plans/GeneratePlan.js').then((page) => ({ default: page.GeneratePlanPage })));

const signedInPages: Record<string, ComponentType> = {
  '/profile': ProfilePage,
  '/activities': ActivitiesPage,
  '/activities/new': NewActivityPage,
  '/activities/import': ImportActivityPage,
  '/plans': PlansPage,
  '/plans/generate': GeneratePlanPage,
  '/plans/new': NewPlanPage,
  '/club': ClubPage,
  '/roster': RosterPage,
  '/groups': GroupsPage,
  '/invitations': InvitationsPage,
  '/api-keys': ApiKeysPage,
  '/audit': AuditPage,
};

function Page() {
  const { path } = useLocation();
  const { session } = useApi();
  // The emailed links work signed in or out.
  if (path === '/signup') return <SignUpPage />;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/join') return <JoinPage />;
  if (!session) return <LoginPage />;
  const Known = signedInPages[path];
  if (Known) return <Known />;
  const race = /^\/races\/([^/]+)$/.exec(path);
  if (race) return <RaceDetailPage raceId={decodeURIComponent(race[1]!)} />;
  const member = /^\/members\/([^/]+)$/.exec(path);
  if (member) return <MemberPage userId={decodeURIComponent(member[1]!)} />;
  const activity = /^\/activities\/([^/]+?)(\/edit)?$/.exec(path);
  if (activity) {
    const activityId = decodeURIComponent(activity[1]!);
    return activity[2] ? <EditActivityPage activityId={activityId} /> : <ActivityPage activityId={activityId} />;
  }
  const instance = /^\/plans\/instances\/([^/]+)$/.exec(path);
  if (instance) return <InstancePage instanceId={decodeURIComponent(instance[1]!)} />;
  const editPlan = /^\/plans\/([^/]+)\/edit$/.exec(path);
  if (editPlan) return <EditPlanPage planId={decodeURIComponent(editPlan[1]!)} />;
  const plan = /^\/plans\/([^/]+)$/.exec(path);
  if (plan) return <PlanPage planId={decodeURIComponent(plan[1]!)} />;
  return <RacesPage />;
}

/** Each page's first heading names the document, so a screen reader and the tab say where one is. */
function useTitle() {
  const { path } = useLocation();
  useEffect(() => {
    const timer = setTimeout(() => {
      const heading = document.querySelector('main h1')?.textContent;
      document.title = heading ? `${heading} · Astral` : 'Astral';
    }, 0);
    return () => clearTimeout(timer);
  });
  return path;
}

export function App() {
  useTitle();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Navigation />
      <main id="main" className="container">
        <Suspense fallback={<Loading>Loading the page…</Loading>}>
          <Page />
        </Suspense>
      </main>
      <Toasts />
    </>
  );
}
