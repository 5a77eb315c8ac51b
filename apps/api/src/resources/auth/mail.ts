/**
 * The emails accounts send: a sign-up verification link and a password-reset link, each
 * carrying its token as `token=<token>` in the plain-text part (the contract's "Emails"
 * section), and the note a sign-up request for a registered address gets instead of a link. They are queued in the outbox on the transaction of the change that sends them.
 */
import type { OutgoingEmail } from '../../email/outbox.js';

/**
 * `${appUrl}${path}?token=<token>`, whatever `appUrl` ends with: the link of every emailed token
 * (sign-up, password reset, invitations).
 *
 * @example
 * ```ts
 * tokenLink('http://127.0.0.1:5173', 'join', 'inv_abc'); // "http://127.0.0.1:5173/join?token=inv_abc"
 * ```
 */
export function tokenLink(appUrl: string, path: string, token: string): string {
  const url = new URL(path, appUrl.endsWith('/') ? appUrl : `${appUrl}/`);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * The sign-up email: a link to `${appUrl}/signup?token=<token>`, good for 24 hours.
 *
 * @example
 * ```ts
 * verificationEmail({ to: 'lena@example.com', token: 'astral_ev_...', appUrl: 'http://127.0.0.1:5173' }).text;
 * // "...http://127.0.0.1:5173/signup?token=astral_ev_..."
 * ```
 */
export function verificationEmail(options: { to: string; token: string; appUrl: string }): OutgoingEmail {
  const url = tokenLink(options.appUrl, 'signup', options.token);
  return {
    to: options.to,
    subject: 'Confirm your email to join Astral',
    text: [
      'Welcome to Astral!',
      '',
      'Open this link to confirm your address and create your account (it works once, for 24 hours):',
      url,
      '',
      'If you did not ask to join Astral, ignore this email.',
    ].join('\n'),
  };
}

/**
 * The password-reset email: a link to `${appUrl}/reset-password?token=<token>`, good for 1 hour.
 *
 * @example
 * ```ts
 * passwordResetEmail({ to: 'maya@example.com', token: 'rst_...', appUrl: 'http://127.0.0.1:5173' }).subject; // "Reset your Astral password"
 * ```
 */
export function passwordResetEmail(options: { to: string; token: string; appUrl: string }): OutgoingEmail {
  const url = tokenLink(options.appUrl, 'reset-password', options.token);
  return {
    to: options.to,
    subject: 'Reset your Astral password',
    text: [
      'Someone asked to reset the password of your Astral account.',
      '',
      'Open this link to choose a new one (it works once, for 1 hour):',
      url,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

/**
 * The answer to a sign-up request for an address that has an account: no link, a pointer to
 * sign-in and password reset. Sent instead of the verification email, so the API's answer is
 * the same for every address and only the address's owner learns it is registered.
 *
 * @example
 * ```ts
 * accountExistsEmail({ to: 'maya@example.com', appUrl: 'http://127.0.0.1:5173' }).subject; // "You already have an Astral account"
 * ```
 */
export function accountExistsEmail(options: { to: string; appUrl: string }): OutgoingEmail {
  const base = options.appUrl.endsWith('/') ? options.appUrl : `${options.appUrl}/`;
  return {
    to: options.to,
    subject: 'You already have an Astral account',
    text: [
      'Someone asked to create an Astral account with this address, which already has one.',
      '',
      `Sign in at ${new URL('login', base).toString()}, or reset your password there if you have forgotten it.`,
      '',
      'If it was not you, ignore this email: nothing has changed.',
    ].join('\n'),
  };
}
