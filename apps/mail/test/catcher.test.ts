// The catcher end to end: real mail sent over SMTP with nodemailer to a catcher on free
// ports, read back through the JSON API and the inbox page.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMessage, type RunningMailCatcher } from '../src/index.js';
import { send } from './send.js';

/** Resolves when `port` can be bound again on 127.0.0.1, false when it is still taken. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('the mail catcher', () => {
  let mail: RunningMailCatcher;
  const api = async (path: string, init?: RequestInit) => fetch(`${mail.inboxUrl}${path}`, init);
  const listed = async (query = '') => (await (await api(`/api/messages${query}`)).json()) as CaughtMessage[];

  beforeAll(async () => {
    mail = await startMailCatcher({ smtpPort: 0, httpPort: 0, onError: () => {} });
  });
  afterAll(() => mail.close());
  beforeEach(() => mail.clear());

  it('prints where it is: loopback URLs with the real ports', () => {
    expect(mail.smtpUrl).toBe(`smtp://127.0.0.1:${mail.smtpPort}`);
    expect(mail.inboxUrl).toBe(`http://127.0.0.1:${mail.httpPort}`);
    expect(mail.smtpPort).toBeGreaterThan(0);
    expect(mail.httpPort).toBeGreaterThan(0);
  });

  it('catches a message and lists it over the JSON API, newest first, with to, from, subject, text, date, id and links', async () => {
    await send(mail.smtpUrl, { to: 'Runner <runner@example.com>', subject: 'First', text: 'one' });
    const reply = await send(mail.smtpUrl, {
      to: 'runner@example.com',
      bcc: 'coach@example.com',
      subject: 'Verify your email',
      text: 'Welcome! Verify: http://127.0.0.1:5173/verify-email?token=tok_abc123.\n',
    });
    expect(reply).toMatch(/^250 /);

    const response = await api('/api/messages');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const messages = (await response.json()) as CaughtMessage[];
    expect(messages.map((message) => message.subject)).toEqual(['Verify your email', 'First']);
    const [verify] = messages;
    expect(verify).toMatchObject({
      from: 'no-reply@astral.test',
      to: ['runner@example.com'],
      subject: 'Verify your email',
      text: 'Welcome! Verify: http://127.0.0.1:5173/verify-email?token=tok_abc123.\n',
      links: ['http://127.0.0.1:5173/verify-email?token=tok_abc123'],
      envelope: { from: 'no-reply@astral.test', to: ['runner@example.com', 'coach@example.com'] },
    });
    expect(new URL(verify!.links[0]!).searchParams.get('token')).toBe('tok_abc123');
    expect(Date.now() - Date.parse(verify!.date)).toBeLessThan(10_000);
    expect(Number(verify!.id)).toBeGreaterThan(Number(messages[1]!.id));

    // One message by id; an unknown id is a 404.
    const one = await api(`/api/messages/${verify!.id}`);
    expect(await one.json()).toEqual(verify);
    const missing = await api('/api/messages/999999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'No message 999999' });

    // ?to= matches the To header or the envelope (so Bcc), ignoring case.
    expect((await listed('?to=RUNNER@example.com')).length).toBe(2);
    expect((await listed('?to=coach@example.com')).map((message) => message.subject)).toEqual(['Verify your email']);
    expect(await listed('?to=nobody@example.com')).toEqual([]);
    expect(mail.messages({ to: 'coach@example.com' }).map((message) => message.id)).toEqual([verify!.id]);
  });

  it('keeps the text part of a multipart message, and derives text from an HTML-only one', async () => {
    await send(mail.smtpUrl, {
      to: 'runner@example.com',
      subject: 'Multipart',
      text: 'Plain part: https://app.example/reset?token=r1',
      html: '<p>HTML part: <a href="https://app.example/reset?token=r1">reset</a></p>',
      attachments: [{ filename: 'plan.txt', content: 'week 1: easy runs' }],
    });
    const [multipart] = await listed();
    expect(multipart!.text.trim()).toBe('Plain part: https://app.example/reset?token=r1');
    expect(multipart!.html).toContain('<p>HTML part:');
    expect(multipart!.links).toEqual(['https://app.example/reset?token=r1']);

    await send(mail.smtpUrl, {
      to: 'runner@example.com',
      subject: 'HTML only',
      html: '<p>Open <a href="https://app.example/x?token=h1">this</a></p>',
    });
    const [htmlOnly] = await listed();
    expect(htmlOnly!.text).toContain('https://app.example/x?token=h1');
    expect(htmlOnly!.links).toEqual(['https://app.example/x?token=h1']);
  });

  it('shows the inbox page with everything escaped and the body links clickable, and no external asset', async () => {
    await send(mail.smtpUrl, {
      to: 'runner@example.com',
      subject: '<script>alert("subject")</script> & more',
      text: 'Hi <b>runner</b>, verify: https://app.example/verify?token=abc&next=%2F"x\njavascript:alert(1)',
    });
    const [message] = await listed();

    const list = await api('/');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
    const listHtml = await list.text();
    expect(listHtml).toContain('runner@example.com');
    expect(listHtml).toContain('&#60;script&#62;alert(&#34;subject&#34;)&#60;/script&#62; &#38; more');
    expect(listHtml).not.toContain('<script');
    expect(listHtml).toContain(`href="/messages/${message!.id}"`);
    expect(listHtml).toMatch(/<time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<\/time>/);

    const page = await api(`/messages/${message!.id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Hi &#60;b&#62;runner&#60;/b&#62;');
    // The link is clickable, its text and href escaped, the quote that ends it left outside.
    expect(html).toContain(
      '<a href="https://app.example/verify?token=abc&#38;next=%2F" target="_blank" rel="noopener noreferrer">https://app.example/verify?token=abc&#38;next=%2F</a>&#34;x',
    );
    expect(html).not.toMatch(/href="javascript:/);
    // Nothing off the page: no src at all, and every href is the inbox's own or the email's link.
    expect(html).not.toMatch(/\ssrc=/);
    expect([...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!).filter((href) => !href.startsWith('/'))).toEqual([
      'https://app.example/verify?token=abc&#38;next=%2F',
    ]);

    const gone = await api('/messages/424242');
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('No message 424242');
  });

  it('clears over the JSON API and from the page, and refuses a clear from another origin', async () => {
    await send(mail.smtpUrl, { to: 'runner@example.com', subject: 'One', text: '1' });
    const deleted = await api('/api/messages', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await listed()).toEqual([]);

    await send(mail.smtpUrl, { to: 'runner@example.com', subject: 'Two', text: '2' });
    const foreign = await api('/clear', { method: 'POST', headers: { origin: 'https://evil.example' }, redirect: 'manual' });
    expect(foreign.status).toBe(403);
    expect((await listed()).length).toBe(1);
    const cleared = await api('/clear', { method: 'POST', headers: { origin: mail.inboxUrl }, redirect: 'manual' });
    expect(cleared.status).toBe(303);
    expect(cleared.headers.get('location')).toBe('/');
    expect(await listed()).toEqual([]);
    expect(mail.messages()).toEqual([]);

    expect((await api('/api/messages', { method: 'PUT' })).status).toBe(405);
  });

  it('waitFor resolves with a message already caught or the next one to arrive, and times out', async () => {
    await send(mail.smtpUrl, { to: 'early@example.com', subject: 'Early', text: 'e' });
    expect((await mail.waitFor((message) => message.to.includes('early@example.com'))).subject).toBe('Early');

    const later = mail.waitFor((message) => message.subject === 'Later', 5000);
    await send(mail.smtpUrl, { to: 'someone@example.com', subject: 'Not this one', text: 'x' });
    await send(mail.smtpUrl, { to: 'someone@example.com', subject: 'Later', text: 'y' });
    expect((await later).text.trim()).toBe('y');

    await expect(mail.waitFor((message) => message.subject === 'Never', 200)).rejects.toThrow(/no matching message within 200 ms/);
  });
});

describe('the mail catcher, bounded and closed', () => {
  it('keeps only the last maxMessages', async () => {
    const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0, maxMessages: 3 });
    try {
      for (const n of [1, 2, 3, 4, 5]) await send(mail.smtpUrl, { to: 'runner@example.com', subject: `#${n}`, text: String(n) });
      expect(mail.messages().map((message) => message.subject)).toEqual(['#5', '#4', '#3']);
    } finally {
      await mail.close();
    }
  });

  it('close stops both ports and a pending waitFor', async () => {
    const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    const { smtpPort, httpPort } = mail;
    expect(await canBind(smtpPort)).toBe(false);
    expect(await canBind(httpPort)).toBe(false);
    // A browser keeps the inbox's connection open (keep-alive): close must not wait for it.
    await (await fetch(`${mail.inboxUrl}/`)).text();
    const pending = mail.waitFor(() => false, 30_000);
    await mail.close();
    await expect(pending).rejects.toThrow(/closed/);
    expect(await canBind(smtpPort)).toBe(true);
    expect(await canBind(httpPort)).toBe(true);
    await mail.close(); // twice is harmless
  });

  it('reports a port in use, and leaves no port of its own behind', async () => {
    const first = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    try {
      const smtpPort = await new Promise<number>((resolve) => {
        const probe = createServer();
        probe.listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
      });
      await expect(startMailCatcher({ smtpPort, httpPort: first.httpPort })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(await canBind(smtpPort)).toBe(true);
    } finally {
      await first.close();
    }
  });
});
