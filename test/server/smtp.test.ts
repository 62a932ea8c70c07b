import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createSmtpDelivery, renderMail, type Backend, type EmailMessage } from '../../src/server/index.ts';
import { startBackend, TestClient } from './helpers.ts';

/**
 * Delivery by SMTP through nodemailer to a real SMTP server started here (smtp-server): every email
 * the backend sends arrives as text and HTML in the recipient's language; failures name no one.
 */

const inbox: ParsedMail[] = [];
let refuse: string | undefined;
let smtp: SMTPServer;
let port: number;
let backend: Backend;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address === refuse) return callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
  backend = await startBackend({
    delivery: createSmtpDelivery({ host: '127.0.0.1', port, from: '"Test App" <no-reply@test.app>', appName: 'Test App', locale: (m) => (m.email.endsWith('.fr') ? 'fr' : 'en') }),
    emailVerification: { mode: 'OPTIONAL' },
  });
});
afterAll(async () => {
  await backend.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

/** The newest email to `to`, waiting for it. */
const mailTo = (to: string) =>
  vi.waitFor(() => {
    const found = inbox.filter((m) => m.to && 'text' in m.to && m.to.text.includes(to)).at(-1);
    if (!found) throw new Error(`nothing to ${to} yet`);
    return found;
  });

describe('SMTP delivery', () => {
  it('codes, verification links, reset links and security notices arrive as text and HTML', async () => {
    const c = new TestClient(backend);
    await c.signUp('smtp-user@example.com');
    await c.request('POST', '/user/email/verify/token', {});
    const verify = await mailTo('smtp-user@example.com');
    expect(verify.subject).toBe('Confirm your email address for Test App');
    expect(verify.from?.text).toBe('"Test App" <no-reply@test.app>');
    const link = /https?:\/\/\S+/.exec(verify.text ?? '')![0];
    expect(link).toContain('/auth/verify-email?token=');
    expect(verify.html).toContain(link.replaceAll('&', '&amp;'));

    await c.request('POST', '/signinup/code', { email: 'smtp-user@example.com', shouldTryLinkingWithSessionUser: true });
    const code = await vi.waitFor(() => {
      const m = inbox.at(-1)!;
      if (m.subject !== 'Your code for Test App') throw new Error('not yet');
      return m;
    });
    expect(code.text).toMatch(/^\d{6}$/m);
    expect(code.text).toContain('It expires in 15 minutes.');

    await new TestClient(backend).request('POST', '/user/password/reset/token', { formFields: [{ id: 'email', value: 'smtp-user@example.com' }] });
    const reset = await vi.waitFor(() => {
      const m = inbox.at(-1)!;
      if (m.subject !== 'Reset your password for Test App') throw new Error('not yet');
      return m;
    });
    expect(reset.text).toContain('/auth/reset-password?token=');

    expect((await c.request('POST', '/fk/password/change', { currentPassword: 'password123', newPassword: 'new-password-9' })).body.status).toBe('OK');
    const notice = await vi.waitFor(() => {
      const m = inbox.at(-1)!;
      if (m.subject !== 'Security alert for your Test App account') throw new Error('not yet');
      return m;
    });
    expect(notice.text).toContain('Your password was changed.');
    expect(notice.text).toContain('If this was not you');
  });

  it('in the recipient’s language', async () => {
    await new TestClient(backend).signUp('smtp-user@example.fr');
    await new TestClient(backend).request('POST', '/user/password/reset/token', { formFields: [{ id: 'email', value: 'smtp-user@example.fr' }] });
    const reset = await mailTo('smtp-user@example.fr');
    expect(reset.subject).toBe('Réinitialisez votre mot de passe pour Test App');
    expect(reset.html).toContain('lang="fr"');
  });

  it('a refused recipient fails the send without naming them', async () => {
    refuse = 'nobody-here@example.com';
    const delivery = createSmtpDelivery({ host: '127.0.0.1', port, from: 'no-reply@test.app', appName: 'Test App' });
    const error = await delivery.sendEmail({ type: 'PASSWORD_RESET', email: refuse, passwordResetLink: 'https://app/x?token=secret', user: { id: 'u', recipeUserId: 'u' }, tenantId: 'public' }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('SMTP delivery of a PASSWORD_RESET email failed (550)');
    expect((error as Error).message).not.toContain('nobody-here');
    refuse = undefined;
  });
});

describe('renderMail', () => {
  const messages: EmailMessage[] = [
    { type: 'PASSWORDLESS_LOGIN', email: 'a@example.com', userInputCode: '123456', codeLifetime: 900_000, isFirstFactor: false, preAuthSessionId: 'p', tenantId: 'public' },
    { type: 'PASSWORDLESS_LOGIN', email: 'a@example.com', urlWithLinkCode: 'https://app/auth/verify?preAuthSessionId=p#c', codeLifetime: 900_000, isFirstFactor: true, preAuthSessionId: 'p', tenantId: 'public' },
    { type: 'PASSWORDLESS_LOGIN', email: 'a@example.com', userInputCode: '123456', urlWithLinkCode: 'https://app/auth/verify?preAuthSessionId=p#c', codeLifetime: 900_000, isFirstFactor: true, preAuthSessionId: 'p', tenantId: 'public' },
    { type: 'EMAIL_VERIFICATION', email: 'a@example.com', emailVerifyLink: 'https://app/auth/verify-email?token=t&tenantId=public', user: { id: 'u', recipeUserId: 'u' }, tenantId: 'public' },
    { type: 'PASSWORD_RESET', email: 'a@example.com', passwordResetLink: 'https://app/auth/reset-password?token=t', user: { id: 'u', recipeUserId: 'u' }, tenantId: 'public' },
    ...(['FACTOR_ADDED', 'FACTOR_REMOVED', 'FACTOR_TURNED_OFF', 'PASSWORD_CHANGED'] as const).map((notice): EmailMessage => ({ type: 'SECURITY_NOTICE', email: 'a@example.com', notice, factorId: 'totp', detail: '<script>alert(1)</script>', at: Date.UTC(2026, 0, 2, 3, 4), tenantId: 'public' })),
  ];

  it.each(['en', 'fr', 'de', 'ar'])('every email in %s: a subject, text and escaped HTML in the language’s direction', (locale) => {
    for (const message of messages) {
      const mail = renderMail(message, { appName: 'A&B <App>', locale });
      expect(mail.subject).not.toContain('{app}');
      expect(mail.subject).toContain('A&B <App>');
      expect(mail.text).not.toMatch(/\{\w+\}/);
      expect(mail.html).toContain(`lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('A&B <App>');
      if ('userInputCode' in message && message.userInputCode) expect(mail.text).toContain('123456');
      if ('urlWithLinkCode' in message && message.urlWithLinkCode) expect(mail.text).toContain(message.urlWithLinkCode);
    }
  });

  it('an unknown language gets English', () => {
    expect(renderMail(messages[4]!, { appName: 'App', locale: 'ja' }).subject).toBe('Reset your password for App');
  });
});
