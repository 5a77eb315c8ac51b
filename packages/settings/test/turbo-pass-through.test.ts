// Every server task (`npm run api`, `npm run mock`, ...) gets the whole environment through
// turbo: those tasks are uncached, so strict mode's allowlist would only drop settings. The
// apps' declarations, not a list in turbo.json, say which variables matter. Asked of turbo
// itself (`--dry=json`), so a workspace turbo.json that narrows a task is caught too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../src/npm-script.js';

interface PlannedTask {
  taskId: string;
  command: string;
  resolvedTaskDefinition: { persistent: boolean; cache: boolean; passThroughEnv: string[] | null };
}

const taskNames = Object.keys((JSON.parse(readFileSync(join(repositoryRoot, 'turbo.json'), 'utf8')) as { tasks: object }).tasks).filter(
  (name) => !name.startsWith('//#') && !name.includes('#'),
);

describe('turbo.json', () => {
  it('passes every variable to every server task, and caches none of them', () => {
    const plan = JSON.parse(
      execFileSync(join(repositoryRoot, 'node_modules/.bin/turbo'), ['run', ...taskNames, '--dry=json'], {
        cwd: repositoryRoot,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as { tasks: PlannedTask[] };
    const servers = plan.tasks.filter((task) => task.command !== '<NONEXISTENT>' && task.resolvedTaskDefinition.persistent);
    expect(servers.map((task) => task.taskId)).toEqual(
      expect.arrayContaining(['@astral/api#api', '@astral/mock#mock', '@astral/mail#mail']),
    );
    for (const task of servers) {
      expect({ task: task.taskId, passThroughEnv: task.resolvedTaskDefinition.passThroughEnv }).toEqual({
        task: task.taskId,
        passThroughEnv: ['*'],
      });
      expect({ task: task.taskId, cache: task.resolvedTaskDefinition.cache }).toEqual({ task: task.taskId, cache: false });
    }
  });
});
