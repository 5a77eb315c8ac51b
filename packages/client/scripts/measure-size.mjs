// Measures what the client costs a browser app: dist/index.js bundled with openapi-fetch
// and the operation table for the browser platform (so a `node:` import would fail the
// build), minified, gzipped. Types are not counted. Prints the numbers as JSON.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Bundles `entry` for browsers and returns its minified and gzipped sizes in bytes. */
export async function measureSize(entry = new URL('../dist/index.js', import.meta.url).pathname) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return {
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(result.metafile.inputs),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { minified, gzipped, inputs } = await measureSize();
  console.log(JSON.stringify({ minified, gzipped, gzippedKiB: +(gzipped / 1024).toFixed(2), inputs }, null, 2));
}
