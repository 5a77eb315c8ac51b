// npm start's own variables (`startSettings`): each malformed one is refused by name before
// anything is built, and the README's Configuration table lists exactly the declared ones.
import { SettingsError } from '@astral/settings';
import { testDeclaredSettings } from '@astral/settings/test-suite';
import { readStartConfig, startSettings } from '../src/config.mjs';

testDeclaredSettings("npm start's settings", {
  app: 'npm start',
  settings: startSettings,
  atLeast: 12,
  // What runStart prints and returns when readStartConfig refuses (orchestrator.mjs), in
  // process: a start that accepted the value would build and run every server.
  start: async (env) => {
    try {
      readStartConfig(env);
      return { code: 0, output: '' };
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      return { code: 1, output: `npm start: ${error.message}` };
    }
  },
  readme: { file: new URL('../README.md', import.meta.url), heading: '## Configuration' },
});
