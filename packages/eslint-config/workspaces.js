// The repository's workspaces, as the root package.json's `workspaces` globs name them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifestOf = (folder) => JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));

/** The absolute folder of every workspace (`packages/*` expanded; a folder needs a package.json). */
export function workspaceFolders(root, globs) {
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [join(root, glob)];
    const parent = join(root, glob.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(parent, entry.name, 'package.json')))
      .map((entry) => join(parent, entry.name));
  });
}

/**
 * The workspaces with a `build` that turbo.json's root `lint:code` does not depend on. A root
 * task has no `^build` (the root depends on no workspace), so its dependencies are listed; the
 * lint type-checks every workspace against the built types of the workspaces it imports.
 */
export function unlistedBuilds(root, folders) {
  const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8'));
  const listed = new Set(turbo.tasks?.['//#lint:code']?.dependsOn ?? []);
  return folders
    .map(manifestOf)
    .filter((workspace) => workspace.scripts?.build && !listed.has(`${workspace.name}#build`))
    .map((workspace) => workspace.name);
}
