// @vitest-environment happy-dom
// Importing a device file on @astral/msw: the file goes as itself with the media type its
// extension names and the chosen sport in the query, the new activity opens; a duplicate
// recording shows the API's 409 under the file input with a link to the activity it names
// (no toast); a file that is neither GPX nor FIT is refused before any request.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { handle } from '@astral/msw/node';
import type { components } from '@astral/openapi';
import { example } from '../src/demo-personas.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

type Activity = components['schemas']['Activity'];

const server = answerWithMsw();

const tempoRun = (): Activity => example<{ data: Activity }>('getActivity').data;
const gpx = '<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><trkseg></trkseg></trk></gpx>';

async function chooseFile(name: string, content: string) {
  const input = await screen.findByLabelText('File (.gpx or .fit)');
  fireEvent.change(input, { target: { files: [new File([content], name)] } });
}

describe('importing a device file', () => {
  it('sends the file as itself with its media type and the sport, then opens the new activity', async () => {
    let sent: { type: string | null; text: string; query: URLSearchParams } | undefined;
    server.use(
      handle('importActivity', async ({ request, response }) => {
        sent = {
          type: request.headers.get('content-type'),
          text: new TextDecoder().decode(await request.arrayBuffer()),
          query: new URL(request.url).searchParams,
        };
        return response(201).json({
          status: 'ok',
          activity_id: 'act_tempo0302',
          message: 'Activity imported successfully',
          data: tempoRun(),
        });
      }),
    );
    renderApp('/activities/import', { session: signedIn });
    await chooseFile('morning-run.GPX', gpx);
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'walk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(window.location.pathname).toBe('/activities/act_tempo0302'));
    expect(sent?.type).toBe('application/gpx+xml');
    expect(sent?.text).toBe(gpx);
    expect(sent?.query.get('activity_type')).toBe('walk');
    expect(sent?.query.has('title')).toBe(false);
  });

  it('shows a duplicate recording under the file input with a link to the activity it names, and no toast', async () => {
    server.use(
      handle('importActivity', ({ response }) =>
        response(409).json({
          error: 'This recording was already imported as activity act_seed1n3',
          details: { code: 'DUPLICATE_IMPORT', existing_id: 'act_seed1n3' },
        }),
      ),
    );
    renderApp('/activities/import', { session: signedIn });
    await chooseFile('run.fit', 'not really fit');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const link = await screen.findByRole('link', { name: 'Open the activity already imported' });
    expect(link.getAttribute('href')).toBe('/activities/act_seed1n3');
    const input = screen.getByLabelText('File (.gpx or .fit)');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toContain('already imported');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a file that is neither GPX nor FIT before sending anything', async () => {
    let requests = 0;
    server.use(
      handle('importActivity', ({ response }) => {
        requests++;
        return response(400).json({ error: 'unexpected', details: { code: 'MALFORMED_FILE' } });
      }),
    );
    renderApp('/activities/import', { session: signedIn });
    await chooseFile('notes.txt', 'hello');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('notes.txt is not a .gpx or .fit file')).toBeTruthy();
    expect(requests).toBe(0);
  });
});
