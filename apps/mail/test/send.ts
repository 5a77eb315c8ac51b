// Sends real mail over SMTP with nodemailer, as the API's delivery worker does.
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

/**
 * Sends one message to the catcher at `smtpUrl`; resolves with the server's reply line.
 *
 * @example
 * await send(mail.smtpUrl, { to: 'runner@example.com', subject: 'Hi', text: 'Hello' });
 */
export async function send(smtpUrl: string, message: Mail.Options): Promise<string> {
  const transport = createTransport(smtpUrl);
  try {
    const info = await transport.sendMail({ from: 'Astral <no-reply@astral.test>', ...message });
    return info.response;
  } finally {
    transport.close();
  }
}
