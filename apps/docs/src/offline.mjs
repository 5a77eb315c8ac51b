// What makes a built page fetch something from the network when it is opened: an asset
// URL in markup or CSS, or a CDN host in the inlined scripts. The build refuses such a page,
// and the tests read the same list.

/** Hosts that serve Redoc's assets (scripts, logos, icons) and web fonts. */
export const CDN_HOSTS = ['cdn.redoc.ly', 'cdn.redocly.com', 'fonts.googleapis.com', 'fonts.gstatic.com', 'unpkg.com', 'cdn.jsdelivr.net'];

/**
 * Every http(s) URL the page would load as an asset: `src`/`href` of script, link, img,
 * iframe, source; CSS `url(...)` and `@import`; and any string naming a CDN host.
 * Plain links (`<a href>`) and URLs inside the contract's text are not assets.
 *
 * @example
 * externalAssetUrls('<script src="https://cdn.redoc.ly/x.js"></script>'); // ['https://cdn.redoc.ly/x.js']
 */
export function externalAssetUrls(html) {
  const found = new Set();
  const tag = /<(script|link|img|iframe|source|video|audio|embed)\b[^>]*?\s(?:src|href|srcset)\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi;
  for (const match of html.matchAll(tag)) found.add(match[2]);
  for (const match of html.matchAll(/url\(\s*["']?(https?:\/\/[^"')\s]+)/gi)) found.add(match[1]);
  for (const match of html.matchAll(/@import\s+["'](https?:\/\/[^"']+)/gi)) found.add(match[1]);
  for (const host of CDN_HOSTS) {
    for (const match of html.matchAll(new RegExp(`https?://${host.replaceAll('.', '\\.')}[^"'\`\\s)]*`, 'g'))) found.add(match[0]);
  }
  return [...found];
}
