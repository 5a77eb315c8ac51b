// Watches a folder and every folder below it, one non-recursive fs.watch per folder.
// Node's `recursive: true` on Linux watches entries one by one and can lose a file that an
// editor or git replaces (write to a temporary file, rename over the original): the first
// save is seen, the next ones are not. A folder's own watcher sees every rename inside it.
import { readdirSync, watch } from 'node:fs';
import { join } from 'node:path';

/**
 * Calls `onChange(path)` for any change below `root`; folders created later are watched too.
 *
 * @example
 * const watcher = watchTree('openapi', (path) => console.log('changed', path));
 * watcher.close();
 */
export function watchTree(root, onChange) {
  const watchers = new Map();
  const add = (dir) => {
    if (watchers.has(dir)) return;
    let watcher;
    try {
      watcher = watch(dir, (_event, name) => {
        const path = name ? join(dir, name.toString()) : dir;
        addTree(path); // a new folder (ignored for files)
        onChange(path);
      });
    } catch {
      return; // gone already, or not a folder
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
  };
  const addTree = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    add(dir);
    for (const entry of entries) if (entry.isDirectory()) addTree(join(dir, entry.name));
  };
  addTree(root);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
