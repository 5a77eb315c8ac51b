// The bundle's size budget, checked by every build: what a visitor downloads before the first
// page shows (the entry chunk, the chunks it imports statically, and its CSS), gzipped. The
// build prints the sizes and fails over the budget. The msw chunk (MSW, Ajv and the contract)
// is loaded only with ASTRAL_WEB_API_URL=msw, so it is reported but not counted.
import { gzipSync } from 'node:zlib';

/** The budget, in gzipped kilobytes (1000 bytes), with room for the pages still to come. */
export const budget = { js: 115, css: 14 };

const kb = (bytes) => Math.round(bytes / 10) / 100;

/**
 * The gzipped sizes of a Rollup bundle's first load and of its lazy chunks.
 *
 * @param {Record<string, { type: string, fileName: string, code?: string, source?: string | Uint8Array, isEntry?: boolean, imports?: string[], viteMetadata?: { importedCss: Set<string> } }>} bundle
 */
export function firstLoadSizes(bundle) {
  const gz = (file) => gzipSync(file.type === 'chunk' ? file.code : file.source).length;
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name) || !bundle[name]) return;
    initial.add(name);
    for (const imported of bundle[name].imports ?? []) visit(imported);
  };
  for (const file of Object.values(bundle)) if (file.type === 'chunk' && file.isEntry) visit(file.fileName);
  const css = new Set([...initial].flatMap((name) => [...(bundle[name].viteMetadata?.importedCss ?? [])]));
  let js = 0;
  let styles = 0;
  const lazy = [];
  for (const file of Object.values(bundle)) {
    if (initial.has(file.fileName)) js += gz(file);
    else if (css.has(file.fileName)) styles += gz(file);
    else if (file.type === 'chunk') lazy.push(`${file.fileName} ${kb(gz(file))} kB`);
  }
  return { js: kb(js), css: kb(styles), lazy };
}

/** The Vite plugin: reports the first load's size and fails the build over `limits`. */
export function bundleBudget(limits = budget) {
  return {
    name: 'astral-web-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sizes = firstLoadSizes(bundle);
      this.info(
        `first load (gzip): JS ${sizes.js} kB of ${limits.js} kB, CSS ${sizes.css} kB of ${limits.css} kB; on demand only: ${sizes.lazy.join(', ') || 'none'}`,
      );
      const over = [
        sizes.js > limits.js ? `JS ${sizes.js} kB > ${limits.js} kB` : undefined,
        sizes.css > limits.css ? `CSS ${sizes.css} kB > ${limits.css} kB` : undefined,
      ].filter(Boolean);
      if (over.length > 0) this.error(`The bundle is over its budget (src/bundle-budget.mjs): ${over.join(', ')}`);
    },
  };
}
