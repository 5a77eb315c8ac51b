import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { externalAssetUrls } from '../src/offline.mjs';

const SITES = ['published', 'development'] as const;
const pages = Object.fromEntries(
  await Promise.all(
    SITES.map(async (site) => [site, await readFile(new URL(`../dist/${site}/index.html`, import.meta.url), 'utf8')] as const),
  ),
);

describe.each(SITES)('the built %s page is self-contained', (site) => {
  const html = pages[site]!;

  it('loads no script, style, font or image from an http(s) URL', () => {
    expect(externalAssetUrls(html)).toEqual([]);
  });

  it('inlines Redoc instead of importing it from a CDN', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel="modulepreload"/i);
    expect(html).toContain('hydrate(__redoc_definition');
  });

  it('the check itself finds CDN assets in markup, CSS and scripts', () => {
    expect(
      externalAssetUrls(
        '<script src="https://cdn.example.com/a.js"></script><link rel="stylesheet" href="https://x.test/s.css">' +
          '<style>@import "https://fonts.googleapis.com/css"; b { background: url(https://i.test/b.png) }</style>' +
          '<script>img.src=`https://cdn.redoc.ly/redoc/logo.svg`</script><a href="https://app.nexrex.ai">site</a>',
      ),
    ).toEqual([
      'https://cdn.example.com/a.js',
      'https://x.test/s.css',
      'https://i.test/b.png',
      'https://fonts.googleapis.com/css',
      'https://cdn.redoc.ly/redoc/logo.svg',
    ]);
  });

  it('carries the Astral brand: logo, title and colours from redocly.yaml', async () => {
    const config = await readFile(new URL('../redocly.yaml', import.meta.url), 'utf8');
    const primary = /main: '(#[0-9a-f]{6})'/i.exec(config)?.[1];
    expect(primary).toBeDefined();
    expect(html).toContain(`--color-primary-base: ${primary}`);
    expect(html).toContain('<title>Astral API reference</title>');
    expect(html).toContain('"x-logo":{"url":"data:image/svg+xml;base64,');
  });
});
