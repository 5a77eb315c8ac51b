/**
 * Test support (vitest): what every app's settings test proves of its one declaration, written
 * once. A malformed value of each declared variable stops the start with a message naming it,
 * the README's configuration table lists exactly the declared variables, and a variable set
 * for `npm run <app>` (root script → turbo → the server) reaches the server.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { portClosed, startNpmScript, type NpmScript } from './npm-script.js';
import { documentedVariables } from './readme.js';
import type { Settings } from './setting.js';

/** How a start ended: its exit code (null when it had to be killed) and what it printed. */
export interface StartOutcome {
  code: number | null;
  output: string;
}

export interface DeclaredSettings {
  /** What the app's refusal starts with: `astral-api` in "astral-api: PORT must be …". */
  app: string;
  settings: Settings;
  /** The fewest variables the app reads: a loop over an empty declaration would prove nothing. */
  atLeast: number;
  /**
   * Starts the app with `env` on top of harmless settings (a free port, no real database) and
   * resolves when it has ended. Should a malformed value be accepted, the app starts instead,
   * is killed after a timeout, and the test fails.
   */
  start: (env: NodeJS.ProcessEnv) => Promise<StartOutcome>;
  /** The README that documents the variables, and the heading over its table. */
  readme: { file: URL; heading: string };
}

/**
 * The declaration's checks, as one `describe` titled `title`: it declares at least `atLeast`
 * variables, each malformed one stops the start naming it (concurrently: each is a process),
 * and the README documents exactly the declared names.
 *
 * @example
 * ```ts
 * testDeclaredSettings('the mail catcher settings', {
 *   app: 'mail',
 *   settings: mailSettings,
 *   atLeast: 4,
 *   start: (env) => runUntilExit(mainJs, { MAIL_SMTP_PORT: '0', MAIL_HTTP_PORT: '0', ...env }),
 *   readme: { file: new URL('../README.md', import.meta.url), heading: '## Configuration' },
 * });
 * ```
 */
export function testDeclaredSettings(title: string, declared: DeclaredSettings): void {
  const { app, settings, atLeast, start, readme } = declared;
  const names = Object.keys(settings);
  describe(title, () => {
    it('declare the variables the app reads', () => expect(names.length).toBeGreaterThanOrEqual(atLeast));

    describe.concurrent('a malformed value stops the start, naming the variable', () => {
      it.each(names)('%s', async (name) => {
        const { code, output } = await start({ [name]: settings[name]!.malformed });
        expect(output).toMatch(new RegExp(`^${app}: ${name} must be `, 'm'));
        expect(code).toBe(1);
      });
    });

    it(`are the variables the README documents under "${readme.heading}"`, () => {
      const documented = documentedVariables(readFileSync(readme.file, 'utf8'), readme.heading);
      expect(documented.sort()).toEqual([...names].sort());
    });
  });
}

/**
 * Runs `npm run <script>` with `env` as a user does, waits for `ready` in its output, lets
 * `observe` check the settings' effects, then stops the whole process group (also when
 * `observe` fails) and checks that each of `ports` is closed again.
 *
 * @example
 * ```ts
 * await throughNpmScript('web', { ASTRAL_WEB_PORT: String(port) }, { ready: /web: http/, ports: [port] }, async () => {
 *   expect(await (await fetch(`http://127.0.0.1:${port}/astral-web.json`)).json()).toEqual({ api: 'msw' });
 * });
 * ```
 */
export async function throughNpmScript(
  script: string,
  env: NodeJS.ProcessEnv,
  { ready, ports }: { ready: RegExp; ports: number[] },
  observe: (running: NpmScript, readyMatch: RegExpMatchArray) => Promise<void>,
): Promise<void> {
  const running = startNpmScript(script, env);
  try {
    await observe(running, await running.waitFor(ready));
  } finally {
    await running.stop();
  }
  for (const port of ports) expect(await portClosed(port), `port ${port} closed within 10 s of stop`).toBe(true);
}
