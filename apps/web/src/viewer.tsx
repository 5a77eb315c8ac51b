/**
 * Who is signed in, and their column of the permission matrix: `getMe` names the user and
 * their organization, their own membership (`getOrganizationMember`) their role in it.
 */
import { useQuery } from '@tanstack/react-query';
import type { Column } from './permissions.js';
import { useApi } from './session.js';

export interface Viewer {
  userId: string;
  displayName: string;
  orgId: string | null;
  column: Column | null;
}

/** The viewer once known (`undefined` while loading or signed out). */
export function useViewer(): { viewer: Viewer | undefined; isPending: boolean } {
  const { client, session } = useApi();
  const me = useQuery({ queryKey: ['me'], queryFn: () => client.auth.me(), enabled: session !== null });
  const user = me.data?.principal_type === 'user' ? me.data : undefined;
  const orgId = user?.org_id ?? null;
  const membership = useQuery({
    queryKey: ['membership', orgId, user?.user_id],
    queryFn: () => client.organizations.member(orgId!, user!.user_id),
    enabled: orgId !== null && user !== undefined,
  });
  if (!user) return { viewer: undefined, isPending: me.isPending };
  if (user.role === 'admin')
    return { viewer: { userId: user.user_id, displayName: user.display_name, orgId, column: 'admin' }, isPending: false };
  if (orgId === null) return { viewer: { userId: user.user_id, displayName: user.display_name, orgId, column: null }, isPending: false };
  if (!membership.data) return { viewer: undefined, isPending: membership.isPending };
  return { viewer: { userId: user.user_id, displayName: user.display_name, orgId, column: membership.data.role }, isPending: false };
}
