/** One caught email, as the inbox shows it and the JSON API returns it. */
import type { AddressObject, ParsedMail } from 'mailparser';
import { linksIn } from './links.js';

export interface CaughtMessage {
  /** Unique while the catcher runs (`"1"`, `"2"`…); never reused, not even after a clear. */
  id: string;
  /** The sender's address (the From header's, else the envelope's MAIL FROM). */
  from: string;
  /** The recipients' addresses (the To header's, else the envelope's RCPT TO). */
  to: string[];
  subject: string;
  /** The plain-text body (mailparser derives one from the HTML part when there is none). */
  text: string;
  /** The HTML part as sent, or null. The inbox never renders it: it shows `text`. */
  html: string | null;
  /** The `http(s)` links in `text`, in order: what a test follows to "click" the email. */
  links: string[];
  /** When the catcher received it (ISO 8601, UTC). */
  date: string;
  /** What the SMTP client said, Bcc recipients included. */
  envelope: { from: string; to: string[] };
}

/** What the SMTP session knew about a message besides its content. */
export interface Envelope {
  from: string;
  to: string[];
}

/** Every address in a header (groups flattened). */
function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects
    .flatMap((object) => object.value)
    .flatMap((entry) => [entry, ...(entry.group ?? [])])
    .flatMap((entry) => (entry.address ? [entry.address] : []));
}

/**
 * Builds the caught message from mailparser's result.
 *
 * @example
 * ```ts
 * const message = toCaughtMessage(await simpleParser(raw), { id: '1', envelope: { from: 'a@x.test', to: ['b@x.test'] }, receivedAt: new Date() });
 * message.links; // ['https://app.example/verify?token=abc']
 * ```
 */
export function toCaughtMessage(parsed: ParsedMail, { id, envelope, receivedAt }: { id: string; envelope: Envelope; receivedAt: Date }) {
  const text = parsed.text ?? '';
  const to = addressesOf(parsed.to);
  const message: CaughtMessage = {
    id,
    from: addressesOf(parsed.from)[0] ?? envelope.from,
    to: to.length > 0 ? to : envelope.to,
    subject: parsed.subject ?? '',
    text,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    links: linksIn(text),
    date: receivedAt.toISOString(),
    envelope,
  };
  return message;
}

/**
 * Whether a message was sent to `address` (To header or envelope, so Bcc counts), ignoring case.
 *
 * @example
 * ```ts
 * isAddressedTo(message, 'Runner@Example.com'); // true for a message to runner@example.com
 * ```
 */
export function isAddressedTo(message: CaughtMessage, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  return [...message.to, ...message.envelope.to].some((recipient) => recipient.toLowerCase() === wanted);
}
