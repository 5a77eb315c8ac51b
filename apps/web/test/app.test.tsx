// @vitest-environment happy-dom
// The app's pages on @astral/msw: no server, the contract's examples by default, typed
// overrides where a test needs another answer, the API's own 400s for bad input.
import { describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { contractDocument, handle, respondWithExample } from '@astral/msw/node';
import type { components } from '@astral/openapi';
import { schemaExample } from '@astral/openapi/reader';
import { answerWithMsw, renderApp, signedIn } from './render.js';

const server = answerWithMsw();

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('signed out', () => {
  it('logs in and lands on the races, the session kept in storage', async () => {
    renderApp('/');
    await screen.findByRole('heading', { name: 'Log in' });
    type('Email', 'maya@example.com');
    type('Password', 'Tempo-Run-2025');
    click('Log in');
    await screen.findByRole('link', { name: 'Chicago Marathon' });
    expect(window.location.pathname).toBe('/races');
    expect(JSON.parse(localStorage.getItem('astral-session')!)).toMatchObject({ access_token: expect.stringMatching(/^astral_at_/) });
  });

  it("shows the API's message for wrong credentials", async () => {
    server.use(respondWithExample('login', 401));
    renderApp('/login');
    type('Email', 'maya@example.com');
    type('Password', 'wrong-password');
    click('Log in');
    expect((await screen.findByRole('alert')).textContent).toMatch(/password/i);
  });

  it('signs up: asks for the email, then the emailed link completes the account', async () => {
    let asked: unknown;
    server.use(
      handle('requestVerification', async ({ request, response }) => {
        asked = await request.json();
        return response(200).json({ message: 'Verification email sent', expires_in: 86400 });
      }),
    );
    renderApp('/signup');
    type('Email', 'lena@example.com');
    click('Send me a sign-up link');
    await screen.findByRole('heading', { name: 'Check your email' });
    expect(asked).toEqual({ email: 'lena@example.com' });
    cleanup();

    renderApp('/signup?token=astral_ev_WP9LrB7f90JGxw1fZwuxTl9ShXsdqLNan7TRIqoC4Lmkyw');
    await screen.findByText('Signing up as lena@example.com');
    type('Password', 'Tempo-Run-2025');
    click('Create account');
    await screen.findByRole('button', { name: 'Save' });
    expect(window.location.pathname).toBe('/profile');
  });

  it('an expired sign-up link says so and offers a new one', async () => {
    server.use(handle('verifyToken', ({ response }) => response(200).json({ valid: false })));
    renderApp('/signup?token=astral_ev_WP9LrB7f90JGxw1fZwuxTl9ShXsdqLNan7TRIqoC4Lmkyw');
    await screen.findByRole('heading', { name: 'This link does not work any more' });
    expect(screen.getByRole('link', { name: 'Ask for a new one' })).toBeTruthy();
  });
});

describe('races', () => {
  it('filters by the query: the request carries the filters and the URL keeps them', async () => {
    const seen: string[] = [];
    server.use(
      handle('listRaces', ({ request, response }) => {
        seen.push(new URL(request.url).search);
        return response(200).json({ status: 'ok', data: [], metadata: { total: 0, next_cursor: null, filters: { limit: 20 } } });
      }),
    );
    renderApp('/races', { session: signedIn });
    await screen.findByText('No race matches these filters.');
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'triathlon' } });
    type('Search', 'ironman');
    fireEvent.click(screen.getByLabelText('Upcoming only'));
    click('Filter');
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(Object.fromEntries(new URLSearchParams(seen[1]))).toEqual({
      race_type: 'triathlon',
      search: 'ironman',
      upcoming: 'true',
      limit: '20',
    });
    expect(window.location.search).toBe('?race_type=triathlon&search=ironman&upcoming=true');
  });

  it('pages with the cursor: "Load more" appends the next page', async () => {
    // The contract's Race example (from the bundle msw answers from: the Node-only contract
    // module does not load under happy-dom) under another id and name, one per page.
    const example = schemaExample(contractDocument, contractDocument.components.schemas!.Race) as components['schemas']['Race'];
    const race = (race_id: string, race_name: string) => ({ ...example, race_id, race_name });
    server.use(
      handle('listRaces', ({ query, response }) =>
        query.get('cursor') === 'page2'
          ? response(200).json({
              status: 'ok',
              data: [race('race_two', 'Berlin Marathon')],
              metadata: { total: 1, next_cursor: null, filters: { limit: 20 } },
            })
          : response(200).json({
              status: 'ok',
              data: [race('race_one', 'Boston Marathon')],
              metadata: { total: 1, next_cursor: 'page2', filters: { limit: 20 } },
            }),
      ),
    );
    renderApp('/races', { session: signedIn });
    await screen.findByRole('link', { name: 'Boston Marathon' });
    click('Load more');
    await screen.findByRole('link', { name: 'Berlin Marathon' });
    expect(screen.getByRole('link', { name: 'Boston Marathon' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it("opens a race's detail, and shows the API's 404", async () => {
    renderApp('/races', { session: signedIn });
    fireEvent.click(await screen.findByRole('link', { name: 'Chicago Marathon' }));
    await screen.findByRole('heading', { name: 'Chicago Marathon' });
    expect(screen.getByText('Chicago, IL, USA')).toBeTruthy();
    cleanup();
    server.use(respondWithExample('getRace', 404));
    renderApp('/races/race_gone', { session: signedIn });
    expect((await screen.findByRole('alert')).textContent).toMatch(/not found \(race_id\)/i);
  });
});

describe('profile', () => {
  it('saves an edit with a partial update', async () => {
    let sent: unknown;
    server.use(
      handle('updateUser', async ({ request, params }) => {
        sent = await request.json();
        expect(params.user_id).toBe('usr_athlete1');
        return undefined; // then the default handler answers the example
      }),
    );
    renderApp('/profile', { session: signedIn });
    await screen.findByRole('heading', { name: 'Maya Okafor' });
    type('Display name', 'Maya O.');
    fireEvent.change(screen.getByLabelText('Units'), { target: { value: 'imperial' } });
    click('Save');
    await screen.findByRole('status');
    expect(sent).toMatchObject({ display_name: 'Maya O.', preferences: { unit_system: 'imperial' } });
  });

  it("shows the API's 400 at the field it names (details.field), as @astral/msw validates it against the contract", async () => {
    renderApp('/profile', { session: signedIn });
    await screen.findByRole('heading', { name: 'Maya Okafor' });
    type('Display name', 'M'.repeat(80));
    click('Save');
    const input = screen.getByLabelText('Display name');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(input.getAttribute('aria-describedby')!)!.textContent;
    expect(message).toMatch(/display_name|characters|long/i);
    // Shown at the field, so no toast repeats it.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('logs out: the session is gone and the login page shows', async () => {
    renderApp('/profile', { session: signedIn });
    await screen.findByRole('heading', { name: 'Maya Okafor' });
    click('Log out');
    await screen.findByRole('heading', { name: 'Log in' });
    expect(localStorage.getItem('astral-session')).toBeNull();
  });
});
