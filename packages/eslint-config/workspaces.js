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
 * The workspaces another workspace imports, with a `build` that turbo.json's root `lint:code`
 * does not wait for. The lint type-checks every workspace against the built types (`dist/`)
 * of the workspaces it imports; a root task has no `^build` (the root depends on no
 * workspace), so turbo.json lists those builds.
 */
export function unlistedBuilds(root, folders) {
  const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8'));
  const listed = new Set(turbo.tasks?.['//#lint:code']?.dependsOn ?? []);
  const workspaces = folders.map(manifestOf);
  const imported = new Set(workspaces.flatMap((workspace) => Object.keys({ ...workspace.dependencies, ...workspace.devDependencies })));
  return workspaces
    .filter((workspace) => imported.has(workspace.name) && workspace.scripts?.build && !listed.has(`${workspace.name}#build`))
    .map((workspace) => workspace.name);
}
