// The build's size budget (src/bundle-budget.mjs): the first load counts the entry, what it
// imports statically and its CSS, not the chunks loaded on demand; over the budget the build fails.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { bundleBudget, firstLoadSizes } from '../src/bundle-budget.mjs';

/** Incompressible text of about `kb` kB gzipped. */
const noise = (kb: number) => randomBytes(kb * 1000).toString('base64');

const bundle = () => ({
  'index.js': {
    type: 'chunk',
    fileName: 'index.js',
    code: noise(30),
    isEntry: true,
    imports: ['lib.js'],
    viteMetadata: { importedCss: new Set(['index.css']) },
  },
  'lib.js': { type: 'chunk', fileName: 'lib.js', code: noise(10), imports: [] },
  'msw.js': { type: 'chunk', fileName: 'msw.js', code: noise(50), imports: ['lib.js'] },
  'index.css': { type: 'asset', fileName: 'index.css', source: noise(5) },
});

describe('the bundle budget', () => {
  it('counts the first load, and reports the on-demand chunks apart', () => {
    const sizes = firstLoadSizes(bundle());
    expect(sizes.js).toBeGreaterThan(38);
    expect(sizes.js).toBeLessThan(45);
    expect(sizes.css).toBeGreaterThan(4);
    expect(sizes.lazy).toEqual([expect.stringMatching(/^msw\.js \d/)]);
  });

  it('fails the build over the budget and passes under it', () => {
    const run = (limits: { js: number; css: number }) => {
      const errors: string[] = [];
      const plugin = bundleBudget(limits);
      plugin.generateBundle.call({ info: () => undefined, error: (message: string) => errors.push(message) }, {}, bundle());
      return errors;
    };
    expect(run({ js: 100, css: 100 })).toEqual([]);
    expect(run({ js: 20, css: 100 })).toEqual([expect.stringMatching(/over its budget.*JS/)]);
    expect(run({ js: 100, css: 1 })).toEqual([expect.stringMatching(/over its budget.*CSS/)]);
  });
});
