/**
 * The header: the app's name, the pages the signed-in person's column of the permission
 * matrix allows (each organization page is shown when the operation it lists is allowed),
 * and log out. It wraps onto several lines at phone width.
 */
import { useMutation } from '@tanstack/react-query';
import type { OperationId } from '@astral/openapi';
import { allows, allowsOn } from './permissions.js';
import { Link, useLocation } from './router.js';
import { useApi } from './session.js';
import { useViewer, type Viewer } from './viewer.js';

interface Section {
  to: string;
  label: string;
  /** The operation the page is built on; the page shows when the viewer's column allows it. */
  operation?: OperationId;
}

/** The organization pages and the operation each one lists. */
export const organizationSections: readonly Section[] = [
  { to: '/club', label: 'Club', operation: 'getOrganization' },
  { to: '/roster', label: 'Roster', operation: 'listOrganizationMembers' },
  { to: '/groups', label: 'Groups', operation: 'listOrganizationGroups' },
  { to: '/invitations', label: 'Invitations', operation: 'listOrganizationInvitations' },
  { to: '/api-keys', label: 'API keys', operation: 'listOrganizationApiKeys' },
  { to: '/audit', label: 'Audit log', operation: 'listOrganizationAuditEvents' },
];

/** The sections a viewer sees: the athlete's own (their activities when their column may list their own, the training plans when it may list those), then the organization's their column allows. */
export function sectionsFor(viewer: Viewer | undefined): Section[] {
  const own: Section[] = [
    { to: '/races', label: 'Races' },
    ...(viewer && allowsOn('listActivities', viewer, viewer.userId) ? [{ to: '/activities', label: 'Activities' }] : []),
    ...(viewer && allowsOn('listTrainingPlans', viewer, viewer.userId) ? [{ to: '/plans', label: 'Plans' }] : []),
    { to: '/profile', label: 'Profile' },
  ];
  if (!viewer || viewer.orgId === null) return own;
  return [...own, ...organizationSections.filter((section) => section.operation && allows(section.operation, viewer.column))];
}

export function Navigation() {
  const { client, session } = useApi();
  const { navigate } = useLocation();
  const { viewer } = useViewer();
  const logout = useMutation({ mutationFn: () => client.auth.logout(), onSettled: () => navigate('/login') });
  return (
    <header className="container">
      <nav aria-label="Main">
        <ul>
          <li>
            <strong className="brand">Astral</strong>
          </li>
        </ul>
        <ul className="nav-links">
          {session ? (
            <>
              {sectionsFor(viewer).map((section) => (
                <li key={section.to}>
                  <Link to={section.to}>{section.label}</Link>
                </li>
              ))}
              <li>
                <button type="button" className="outline secondary" onClick={() => logout.mutate()}>
                  Log out
                </button>
              </li>
            </>
          ) : (
            <>
              <li>
                <Link to="/login">Log in</Link>
              </li>
              <li>
                <Link to="/signup">Sign up</Link>
              </li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}
