/**
 * Who the contract's examples sign in, for the MSW mode (ASTRAL_WEB_API_URL=msw) and the
 * component tests. By default @astral/msw's examples sign in an athlete in no organization;
 * a persona is a member of the example organization instead: its head coach (the
 * organization example's `head_coach_user_id`), the assistant coach (the member example's
 * `coach_id`) or that athlete (the member example's `user_id`, reading their own membership
 * with the `asAthlete` example). Every body is a contract example with that id and role.
 */
import type { HttpHandler } from 'msw';
import { contractDocument, handle } from '@astral/msw';
import { operationTable, type components, type OperationId } from '@astral/openapi';
import { examplesOf, jsonContent, responseOf } from '@astral/openapi/reader';

export const personas = {
  athlete: 'an athlete in no organization',
  head_coach: 'the head coach of the example club',
  assistant_coach: 'an assistant coach of the example club',
  member: 'an athlete of the example club',
} as const;
export type Persona = keyof typeof personas;

/** A success example of an operation (the first, or the one named), as the default handlers answer it. */
export function example<T>(operationId: OperationId, name?: string): T {
  const { method, path } = operationTable[operationId];
  const operation = contractDocument.paths[path]?.[method] as object | undefined;
  const response = responseOf(contractDocument, operation, operationTable[operationId].successStatus) as object | undefined;
  const media = jsonContent(contractDocument, response) as object | undefined;
  const examples = examplesOf(contractDocument, media);
  return structuredClone((name ? examples.find((e) => e.name === name) : examples[0])!.value) as T;
}

type Member = components['schemas']['Member'];

/** Overrides that sign in `persona` (none for the default athlete). */
export function personaHandlers(persona: Persona): HttpHandler[] {
  if (persona === 'athlete') return [];
  const organization = example<{ data: components['schemas']['Organization'] }>('getOrganization').data;
  const member = example<{ data: Member }>('getOrganizationMember').data;
  const own: Member =
    persona === 'member'
      ? example<{ data: Member }>('getOrganizationMember', 'asAthlete').data
      : {
          ...member,
          user_id: persona === 'head_coach' ? organization.head_coach_user_id : member.coach_id!,
          display_name: personas[persona].replace(/^an? |^the /, '').replace(/^./, (c) => c.toUpperCase()),
          role: persona,
          coach_id: null,
          labels: [],
          nickname: null,
          level: null,
          coach_labels: [],
          coach_notes: null,
        };
  const me = example<components['schemas']['UserProfile']>('getMe');
  return [
    handle('getMe', ({ response }) =>
      response(200).json({
        ...me,
        user_id: own.user_id,
        display_name: own.display_name,
        role: persona === 'member' ? 'athlete' : 'coach',
        org_id: organization.org_id,
        organization_id: organization.org_id,
      }),
    ),
    handle('getUser', ({ params, response }) => {
      if (params.user_id !== own.user_id) return undefined;
      const user = example<{ data: components['schemas']['User'] }>('getUser').data;
      return response(200).json({
        status: 'ok',
        data: { ...user, user_id: own.user_id, display_name: own.display_name, org_id: organization.org_id },
      });
    }),
    handle('getOrganizationMember', ({ params, response }) =>
      params.user_id === own.user_id ? response(200).json({ status: 'ok', data: own }) : undefined,
    ),
  ];
}
