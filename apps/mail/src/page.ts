/**
 * The inbox as one self-contained HTML page: no script, no external asset, everything from a
 * message escaped. A message's plain-text body is shown with its http(s) links clickable;
 * its HTML part is never rendered (it is someone else's markup, and the point of the page is
 * the link in it).
 */
import { splitLinks } from './links.js';
import type { CaughtMessage } from './message.js';

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Headers for every page: nothing may load or run but the page's own inline style, and a
 * clicked link does not tell the site it opens where it came from.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** How often the list refreshes itself while no message is open, so a new one shows up. */
const REFRESH_SECONDS = 3;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
header { display: flex; align-items: center; gap: 1rem; padding: .75rem 1.25rem; background: #1d2330; color: #fff; }
header h1 { font-size: 1.1rem; margin: 0; }
header p { margin: 0; opacity: .8; flex: 1; }
header a { color: #fff; }
header form { margin: 0; }
main { padding: 1rem 1.25rem; display: grid; gap: 1rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
th { font-size: .8rem; text-transform: uppercase; color: #5b6475; }
tr.selected { background: #e8f0ff; }
td a { color: inherit; text-decoration: none; display: block; }
td a:hover { text-decoration: underline; }
td.time { white-space: nowrap; color: #5b6475; }
.empty { padding: 2rem; text-align: center; color: #5b6475; background: #fff; }
article { background: #fff; padding: 1rem 1.25rem; }
article h2 { margin: 0 0 .5rem; font-size: 1.2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: 0 0 1rem; color: #5b6475; }
dd { margin: 0; color: #1d2330; }
pre { white-space: pre-wrap; word-break: break-word; font: 14px/1.5 ui-monospace, monospace; margin: 0; }
pre a { color: #0b5bd3; }
`;

/** "2026-05-01 09:30:12", in the local time of the machine (the browser's, on a laptop). */
function localTime(iso: string): string {
  const date = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** The body with every http(s) link clickable and everything else escaped. */
function bodyHtml(text: string): string {
  return splitLinks(text)
    .map((piece) =>
      piece.href
        ? `<a href="${escapeHtml(piece.href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(piece.text)}</a>`
        : escapeHtml(piece.text),
    )
    .join('');
}

function messageRow(message: CaughtMessage, selected: boolean): string {
  const href = `/messages/${encodeURIComponent(message.id)}`;
  const cell = (text: string) => `<a href="${href}">${escapeHtml(text)}</a>`;
  return [
    `<tr${selected ? ' class="selected"' : ''}>`,
    `<td>${cell(message.to.join(', '))}</td>`,
    `<td>${cell(message.subject || '(no subject)')}</td>`,
    `<td class="time"><time datetime="${escapeHtml(message.date)}">${escapeHtml(localTime(message.date))}</time></td>`,
    '</tr>',
  ].join('');
}

function messageArticle(message: CaughtMessage): string {
  return [
    '<article>',
    `<h2>${escapeHtml(message.subject || '(no subject)')}</h2>`,
    '<dl>',
    `<dt>From</dt><dd>${escapeHtml(message.from)}</dd>`,
    `<dt>To</dt><dd>${escapeHtml(message.to.join(', '))}</dd>`,
    `<dt>Received</dt><dd><time datetime="${escapeHtml(message.date)}">${escapeHtml(localTime(message.date))}</time></dd>`,
    `<dt>JSON</dt><dd><a href="/api/messages/${encodeURIComponent(message.id)}">/api/messages/${escapeHtml(message.id)}</a></dd>`,
    '</dl>',
    `<pre>${bodyHtml(message.text)}</pre>`,
    '</article>',
  ].join('\n');
}

export interface InboxPageOptions {
  /** Newest first. */
  messages: CaughtMessage[];
  /** The message to show below the list, if one is open. */
  selected?: CaughtMessage | undefined;
  /** Where to send mail, shown in the header. */
  smtpUrl: string;
  maxMessages: number;
}

/**
 * The inbox: every message (to, subject, time), newest first, and the open one's body.
 *
 * @example
 * ```ts
 * response.writeHead(200, PAGE_HEADERS).end(inboxPage({ messages: store.list(), smtpUrl, maxMessages: 500 }));
 * ```
 */
export function inboxPage({ messages, selected, smtpUrl, maxMessages }: InboxPageOptions): string {
  const title = selected ? `${selected.subject || '(no subject)'} · Mail inbox` : `Mail inbox (${messages.length})`;
  const list =
    messages.length === 0
      ? `<p class="empty">No mail yet. Send to ${escapeHtml(smtpUrl)}; this page refreshes every ${REFRESH_SECONDS} s.</p>`
      : [
          '<table>',
          '<thead><tr><th>To</th><th>Subject</th><th>Received</th></tr></thead>',
          '<tbody>',
          ...messages.map((message) => messageRow(message, message.id === selected?.id)),
          '</tbody>',
          '</table>',
        ].join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Refreshing while a message is open would get in the way of reading it.
    ...(selected ? [] : [`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`]),
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1><a href="/">Astral mail inbox</a></h1>',
    `<p>${messages.length} ${messages.length === 1 ? 'message' : 'messages'} (the last ${maxMessages} are kept) · SMTP ${escapeHtml(smtpUrl)}</p>`,
    '<form method="post" action="/clear"><button type="submit">Clear all</button></form>',
    '</header>',
    '<main>',
    list,
    selected ? messageArticle(selected) : '',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * A page for an id that is not (or no longer) in the inbox.
 *
 * @example
 * ```ts
 * response.writeHead(404, PAGE_HEADERS).end(notFoundPage('42'));
 * ```
 */
export function notFoundPage(id: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Not found · Mail inbox</title></head>',
    `<body><p>No message ${escapeHtml(id)} (cleared, or pushed out by newer ones). <a href="/">Back to the inbox</a></p></body>`,
    '</html>',
    '',
  ].join('\n');
}
