/**
 * The web links in a plain-text email body, found so that the inbox can make them clickable
 * and tests can follow them (a verification email's `…?token=…`). Only `http:` and `https:`
 * links: a `javascript:` or `data:` URL in a caught message never becomes a link.
 */

/** A piece of text: plain, or a link whose text is its `href`. */
export interface TextPiece {
  text: string;
  href?: string;
}

const LINK = /https?:\/\/[^\s<>"'`]+/g;
/** Punctuation that ends a sentence rather than a URL ("see https://a.example/x."). */
const TRAILING = /[.,;:!?*]+$/;

/** Drops trailing punctuation and closing brackets that have no opening one inside the link. */
function trimLink(candidate: string): string {
  let link = candidate;
  for (;;) {
    const trimmed = link.replace(TRAILING, '');
    const last = trimmed.at(-1);
    const pair = last === ')' ? '(' : last === ']' ? '[' : last === '}' ? '{' : undefined;
    if (pair && trimmed.split(pair).length <= trimmed.split(last!).length - 1) {
      link = trimmed.slice(0, -1);
      continue;
    }
    if (trimmed === link) return link;
    link = trimmed;
  }
}

/**
 * Splits text into plain pieces and links, in order; joined back, the pieces are the text.
 *
 * @example
 * ```ts
 * splitLinks('Verify: https://app.example/verify?token=abc.');
 * // [{ text: 'Verify: ' }, { text: 'https://app.example/verify?token=abc', href: 'https://app.example/verify?token=abc' }, { text: '.' }]
 * ```
 */
export function splitLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    const link = trimLink(match[0]);
    if (!/^https?:\/\/[^/]/.test(link)) continue;
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ text: link, href: link });
    at = match.index + link.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/**
 * The links in a text, in order.
 *
 * @example
 * ```ts
 * linksIn('Open https://app.example/verify?token=abc (valid 24 h)'); // ['https://app.example/verify?token=abc']
 * ```
 */
export function linksIn(text: string): string[] {
  return splitLinks(text).flatMap((piece) => (piece.href ? [piece.href] : []));
}
