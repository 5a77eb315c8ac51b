/** The invitation email: a link that opens the web app's join page with the token. */
import type { OutgoingEmail } from '../../../email/outbox.js';
import { tokenLink } from '../../auth/mail.js';

/**
 * The invitation email: a link to `${appUrl}/join?token=<token>`.
 *
 * @example
 * ```ts
 * invitationEmail({ to: 'maya@example.com', token: 'inv_...', appUrl: 'http://127.0.0.1:5173', organization: 'Alpine Running Club', expiresAt: '2026-02-01T00:00:00Z' }).subject;
 * ```
 */
export function invitationEmail(options: {
  to: string;
  token: string;
  appUrl: string;
  organization: string;
  expiresAt: string;
}): OutgoingEmail {
  return {
    to: options.to,
    subject: `You are invited to join ${options.organization} on Astral`,
    text: [
      `${options.organization} invites you to join them on Astral.`,
      '',
      `Open this link to accept (sign up first if you have no account; it works once, until ${options.expiresAt}):`,
      tokenLink(options.appUrl, 'join', options.token),
      '',
      'If you do not know this organization, ignore this email.',
    ].join('\n'),
  };
}
