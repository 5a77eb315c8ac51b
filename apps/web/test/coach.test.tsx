// @vitest-environment happy-dom
// The organization pages on @astral/msw, signed in as the example club's members
// (src/demo-personas.ts, what the MSW mode offers too): the navigation follows the
// contract's permission matrix, the roster filters and pages, coach-only notes reach coaches
// only, secrets are shown once, and an API refusal becomes a toast.
import { describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
// The bundle msw answers from: the Node-only contract module does not load under happy-dom.
import { contractDocument as contract, handle, respondWithExample } from '@astral/msw/node';
import { personaHandlers, type Persona } from '../src/demo-personas.js';
import { organizationSections } from '../src/navigation.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

const server = answerWithMsw();

const as = (persona: Persona, path: string) => {
  server.use(...personaHandlers(persona));
  renderApp(path, { session: signedIn });
};
const navLinks = async () => {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  await within(nav).findByRole('link', { name: 'Club' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
};

describe('navigation by role, from the contract', () => {
  // The rows as the contract states them (read here from the bundle, not the app's copy).
  const row = (operationId: string, column: string) => {
    for (const item of Object.values(contract.paths)) {
      for (const operation of Object.values(
        item as Record<string, { operationId?: string; 'x-astral-permissions'?: Record<string, string> }>,
      )) {
        if (operation?.operationId === operationId) return operation['x-astral-permissions']![column];
      }
    }
    throw new Error(`no ${operationId}`);
  };
  it.each(['head_coach', 'assistant_coach', 'member'] as const)('%s sees the pages their column allows', async (persona) => {
    expect(organizationSections.length).toBeGreaterThan(0);
    as(persona, '/races');
    const shown = await navLinks();
    const column = persona === 'member' ? 'athlete' : persona;
    for (const section of organizationSections) {
      expect(shown.includes(section.label), `${section.label} for ${column}`).toBe(row(section.operation!, column) !== 'deny');
    }
  });

  it('an athlete in no organization sees only the own pages (their activities and the training plans among them)', async () => {
    renderApp('/races', { session: signedIn });
    await screen.findByRole('link', { name: 'Chicago Marathon' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Races', 'Activities', 'Plans', 'Profile']);
  });
});

describe('roster', () => {
  it('filters by role, status and label in the request and the URL, and pages with the cursor', async () => {
    const seen: Array<Record<string, string>> = [];
    server.use(
      handle('listOrganizationMembers', ({ request, response }) => {
        const query = new URL(request.url).searchParams;
        seen.push(Object.fromEntries(query));
        const page = query.get('cursor') === 'page2';
        return response(200).json({
          status: 'ok',
          data: [
            {
              user_id: page ? 'usr_athlete3' : 'usr_athlete2',
              org_id: 'org_alpineclub',
              display_name: page ? 'Ines Duarte' : 'Leo Moreau',
              role: 'athlete',
              status: 'active',
              nickname: null,
              level: null,
              labels: ['@trail'],
              coach_id: null,
              joined_at: '2025-01-15T09:30:00Z',
              updated_at: '2025-01-15T09:30:00Z',
            },
          ],
          metadata: { total: 2, next_cursor: page ? null : 'page2' },
        });
      }),
    );
    as('head_coach', '/roster');
    await screen.findByRole('link', { name: 'Leo Moreau' });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'athlete' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'active' } });
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: '@trail' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(seen.at(-1)).toEqual({ role: 'athlete', status: 'active', label: '@trail', limit: '20' }));
    expect(window.location.search).toBe('?role=athlete&status=active&label=%40trail');
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Ines Duarte' });
    expect(seen.at(-1)).toMatchObject({ cursor: 'page2' });
    expect(screen.getByRole('link', { name: 'Leo Moreau' })).toBeTruthy();
  });

  it('says so when no member matches', async () => {
    server.use(
      handle('listOrganizationMembers', ({ response }) =>
        response(200).json({ status: 'ok', data: [], metadata: { total: 0, next_cursor: null } }),
      ),
    );
    as('head_coach', '/roster');
    await screen.findByText('No members yet.');
  });
});

describe("a member's page", () => {
  it('shows a coach the coach-only notes, with a form to edit them', async () => {
    as('head_coach', '/members/usr_athlete2');
    await screen.findByRole('heading', { name: 'Leo Moreau' });
    expect(screen.getByRole('heading', { name: 'Coach-only' })).toBeTruthy();
    expect(screen.getByText(/watch the left Achilles/, { selector: 'dd' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Coach notes').value).toMatch(/Achilles/);
  });

  it('shows an athlete their own membership without any coach-only part', async () => {
    as('member', '/club');
    await screen.findByRole('heading', { name: 'Alpine Running Club' });
    await screen.findByText('@marathon');
    expect(screen.queryByText(/Coach/)).toBeNull();
  });
});

describe('secrets shown once', () => {
  it('an invitation link: shown after creating it, with a copy button', async () => {
    as('head_coach', '/invitations');
    await screen.findByRole('table', { name: 'invitations' });
    fireEvent.click(screen.getByRole('button', { name: 'Create link' }));
    const shown = await screen.findByRole('article', { name: 'Invitation link' });
    expect(shown.textContent).toMatch(/\/join\?token=astral_it_/);
    expect(within(shown).getByRole('button', { name: 'Copy' })).toBeTruthy();
    cleanup();
    as('head_coach', '/invitations');
    await screen.findByRole('table', { name: 'invitations' });
    expect(screen.queryByText(/astral_it_/)).toBeNull();
  });

  it('an API key secret: shown after creating it, with a copy button', async () => {
    as('head_coach', '/api-keys');
    await screen.findByRole('table', { name: 'API keys' });
    fireEvent.change(screen.getByLabelText('Key name'), { target: { value: 'Club dashboard' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const shown = await screen.findByRole('article', { name: 'API key secret' });
    expect(shown.textContent).toMatch(/astral_live_[0-9A-Za-z]{46}/);
    expect(within(shown).getByRole('button', { name: 'Copy' })).toBeTruthy();
  });
});

describe('errors', () => {
  it("a refused request is a toast with the API's message, status and code", async () => {
    server.use(respondWithExample('listOrganizationAuditEvents', 403));
    as('head_coach', '/audit');
    const toast = await screen.findByRole('alert');
    expect(toast.textContent).toMatch(/403 FORBIDDEN/);
    expect(screen.getByText('The audit events could not be loaded.')).toBeTruthy();
  });
});
