// npm start's own variables (`startSettings`): each malformed one is refused by name before
// anything is built, and the README's Configuration table lists exactly the declared ones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentedVariables, SettingsError } from '@astral/settings';
import { readStartConfig, startSettings } from '../src/config.mjs';

const names = Object.keys(startSettings);

describe("npm start's settings", () => {
  it('declare the variables npm start reads', () => expect(names.length).toBeGreaterThanOrEqual(12));

  it.each(names)('refuses a malformed %s by name', (name) => {
    const read = () => readStartConfig({ [name]: startSettings[name]!.malformed });
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(new RegExp(`^${name} must be `));
  });

  it('are the variables tools/start/README.md documents under Configuration', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    expect(documentedVariables(readme, '## Configuration').sort()).toEqual([...names].sort());
  });
});
