// The release facts on the docs page, from the contract and its changelog: the version in
// the introduction with a link to the changelog, the changelog itself as the last section
// of the introduction (a sidebar entry), and each deprecated operation's dates in its text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** packages/openapi/CHANGELOG.md: the contract's changelog (npm run release writes it). */
export const changelogPath = join(dirname(require.resolve('@astral/openapi/package.json')), 'CHANGELOG.md');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The changelog's entries with their headings moved under the page's "Changelog" heading. */
function changelogSection(markdown) {
  const entries = markdown.replace(/^# .*\n+/, '').replace(/^(#{2,4}) /gm, (_, hashes) => `${hashes}# `);
  return `## Changelog\n\n${entries.trim()}\n`;
}

/**
 * A copy of `contract` with the version and changelog in its introduction and the dates of
 * each deprecated operation in its description.
 *
 * @example
 * withReleaseNotes(contract).info.description.startsWith('**Contract version 1.0.0**') // true
 */
export function withReleaseNotes(contract, changelog = readFileSync(changelogPath, 'utf8')) {
  const copy = structuredClone(contract);
  const intro = `**Contract version ${copy.info.version}** (see the [changelog](#section/Changelog)).`;
  copy.info.description = `${intro}\n\n${copy.info.description ?? ''}\n\n${changelogSection(changelog)}`;
  for (const item of Object.values(copy.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation?.deprecated !== true) continue;
      const sunset = operation['x-astral-sunset'] ? `; it stops answering after ${operation['x-astral-sunset']}` : '';
      const note = `**Deprecated** since ${operation['x-astral-deprecated-at']}${sunset}. Its answers carry the \`Deprecation\` and \`Sunset\` headers.`;
      operation.description = `${note}\n\n${operation.description ?? ''}`;
    }
  }
  return copy;
}
