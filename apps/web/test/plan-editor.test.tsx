// @vitest-environment happy-dom
// Plans built and edited by hand on @astral/msw: the head coach builds one (a workout on a
// Tuesday, an interval nested in an interval down to the contract's `x-astral-max-depth`,
// where no deeper interval is offered) and the body sent; the API's 400 on a nested path shown
// at that input; an edit sending only the changed field; delete after asking; nothing of it
// offered to an athlete.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { contractDocument, handle } from '@astral/msw/node';
import { personaHandlers } from '../src/demo-personas.js';
import { answerWithMsw, renderApp, signedIn } from './render.js';

const server = answerWithMsw();

/** The contract's nesting limit, read here from the bundled contract (the app gets it at build time). */
const maxDepth = (contractDocument.components.schemas!.ContentBlock as unknown as { 'x-astral-max-depth': number })['x-astral-max-depth'];

function recordBodies() {
  const sent: Record<string, unknown[]> = { create: [], update: [] };
  const record =
    (name: string) =>
    async ({ request }: { request: Request }) => {
      sent[name]!.push(await request.clone().json());
      return undefined;
    };
  server.use(
    ...personaHandlers('head_coach'),
    handle('createTrainingPlan', record('create')),
    handle('updateTrainingPlan', record('update')),
  );
  return sent;
}

/** Opens the editor and puts a workout on week 1's Tuesday, its first block made an interval. */
async function tuesdayInterval() {
  renderApp('/plans', { session: signedIn });
  fireEvent.click(await screen.findByRole('link', { name: 'Build a plan by hand' }));
  const form = await screen.findByRole('form', { name: 'the plan' });
  fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Hill repeats block' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Add a workout on Week 1 Tuesday' }));
  const outer = within(form).getByRole('group', { name: 'Week 1 Tuesday block 1' });
  fireEvent.change(within(outer).getAllByLabelText('Kind')[0]!, { target: { value: 'interval' } });
  return form;
}

describe('a plan built by hand', () => {
  it('nests intervals down to the depth the contract states and no deeper, and creates the plan', async () => {
    const sent = recordBodies();
    const form = await tuesdayInterval();
    // Each level down: make the only child an interval, while the contract lets it hold children.
    let name = 'Week 1 Tuesday block 1';
    for (let depth = 2; depth <= maxDepth; depth++) {
      name = `${name}.1`;
      const block = within(form).getByRole('group', { name });
      const kinds = [...within(block).getAllByLabelText<HTMLSelectElement>('Kind')[0]!.options].map((option) => option.value);
      if (depth < maxDepth) {
        expect(kinds).toContain('interval');
        fireEvent.change(within(block).getAllByLabelText('Kind')[0]!, { target: { value: 'interval' } });
      } else {
        expect(kinds).not.toContain('interval');
        expect(within(block).queryByRole('button', { name: /^Add a block/ })).toBeNull();
      }
    }
    expect(maxDepth).toBeGreaterThan(1);
    fireEvent.change(within(form).getByRole('group', { name: 'Week 1 Tuesday block 1' }).querySelector('input[type=number]')!, {
      target: { value: '4' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create the plan' }));
    await screen.findByRole('heading', { level: 1, name: 'Spring marathon build' });
    const body = sent.create![0] as { training_plan_name: string; workout_days: string[]; weeks: Array<{ days: Record<string, unknown> }> };
    expect(body.training_plan_name).toBe('Hill repeats block');
    expect(body.workout_days).toEqual(['tuesday']);
    let block = (body.weeks[0]!.days.tuesday as { blocks: unknown[] }).blocks[0] as {
      type: string;
      block_repeat?: number;
      blocks?: unknown[];
    };
    expect(block.block_repeat).toBe(4);
    for (let depth = 1; depth < maxDepth; depth++) {
      expect(block.type).toBe('interval');
      block = block.blocks![0] as typeof block;
    }
    expect(block).toEqual({ type: 'run', block_length_target: 'distance', block_distance_in_meters: 1000, block_pace: 'z2' });
  });

  it("shows the API's 400 on a nested block at that block's input, with no toast", async () => {
    server.use(
      ...personaHandlers('head_coach'),
      handle('createTrainingPlan', ({ response }) =>
        response(400).json({
          error: 'block_repeat must be at most 50',
          details: { code: 'VALIDATION_ERROR', field: 'weeks[0].days.tuesday.blocks[0].block_repeat' },
        }),
      ),
    );
    const form = await tuesdayInterval();
    fireEvent.click(within(form).getByRole('button', { name: 'Create the plan' }));
    const outer = within(form).getByRole('group', { name: 'Week 1 Tuesday block 1' });
    await within(outer).findByText('block_repeat must be at most 50');
    const repeat = within(outer).getAllByLabelText('Repeat (times)')[0]!;
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    // Only that input: its child's inputs are not marked.
    expect(
      within(within(form).getByRole('group', { name: 'Week 1 Tuesday block 1.1' }))
        .getByLabelText('Kind')
        .getAttribute('aria-invalid'),
    ).toBeNull();
    expect(within(form).getByRole('alert').textContent).toContain('Not saved: block_repeat must be at most 50');
    expect(screen.queryByRole('region', { name: 'Notifications' })!.children).toHaveLength(0);
  });
});

describe('a plan edited by hand', () => {
  it('sends only the changed field, and deletes after asking', async () => {
    const sent = recordBodies();
    const deleted: string[] = [];
    server.use(
      handle('deleteTrainingPlan', ({ params }) => {
        deleted.push(String(params.training_plan_id));
        return undefined;
      }),
    );
    renderApp('/plans/plan_marathon16', { session: signedIn });
    fireEvent.click(await screen.findByRole('link', { name: 'Edit the plan' }));
    const form = await screen.findByRole('form', { name: 'the plan' });
    expect(within(form).getByRole('heading', { level: 1 }).textContent).toBe('Edit Spring marathon build');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Spring marathon build, v2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the plan' }));
    await waitFor(() => expect(window.location.pathname).toBe('/plans/plan_marathon16'));
    expect(sent.update).toEqual([{ training_plan_name: 'Spring marathon build, v2' }]);

    fireEvent.click(await screen.findByRole('button', { name: 'Delete the plan' }));
    const ask = screen.getByRole('group', { name: 'Delete this plan?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(window.location.pathname).toBe('/plans'));
    expect(deleted).toEqual(['plan_marathon16']);
  });

  it('offers an athlete no way to build, edit or delete a plan', async () => {
    renderApp('/plans/plan_marathon16', { session: signedIn });
    await screen.findByRole('heading', { name: 'Spring marathon build', level: 1 });
    expect(screen.queryByRole('link', { name: 'Edit the plan' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete the plan' })).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: 'Plans' }));
    await screen.findByRole('heading', { name: 'Plan library' });
    expect(screen.queryByRole('link', { name: 'Build a plan by hand' })).toBeNull();
  });
});
