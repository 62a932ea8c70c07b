/**
 * Delivery by SMTP (nodemailer): every email the backend sends, as text and HTML in the recipient's
 * language. Text messages need a gateway of your own (`sms`). Logs never name a recipient or carry a
 * code or a link.
 */
import type { Transporter } from 'nodemailer';
import type { Delivery, EmailMessage, SmsMessage } from '../delivery.ts';
import { renderMail } from './templates.ts';

/** Options of {@link createSmtpDelivery}. */
export interface SmtpDeliveryOptions {
  host: string;
  /** @default 587 */
  port?: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. @default port === 465 */
  secure?: boolean;
  /** Refuse to send without TLS (STARTTLS must succeed). @default true, except on loopback */
  requireTls?: boolean;
  auth?: { user: string; pass: string };
  /** The sender, e.g. `"My app" <no-reply@example.com>`. */
  from: string;
  /** The app's name in the emails. */
  appName: string;
  /** The language of an email (`en`, `fr`, `de`, `ar`; others get English): fixed, or per message. @default 'en' */
  locale?: string | ((message: EmailMessage) => string | Promise<string>);
  /** Sends text messages (SMTP cannot). @default none: sending one throws */
  sms?: (message: SmsMessage) => Promise<void>;
}

/** SMTP delivery of the backend's emails: `createBackend({ delivery: createSmtpDelivery({...}) })`. */
export function createSmtpDelivery(options: SmtpDeliveryOptions): Delivery {
  const port = options.port ?? 587;
  const loopback = /^(localhost|127\.0\.0\.1|::1)$/.test(options.host);
  // Loaded on first use: a browser bundle of the backend (Storybook, msw) never pulls in Node's net/tls.
  let transport: Promise<Transporter> | undefined;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: options.host,
        port,
        secure: options.secure ?? port === 465,
        requireTLS: options.requireTls ?? !loopback,
        ...(options.auth && { auth: options.auth }),
        // No message contents or addresses in nodemailer's own logs.
        logger: false,
        debug: false,
      }),
    ));
  return {
    async sendEmail(message) {
      const locale = typeof options.locale === 'function' ? await options.locale(message) : options.locale;
      const mail = renderMail(message, { appName: options.appName, locale });
      try {
        await (await transporter()).sendMail({ from: options.from, to: message.email, subject: mail.subject, text: mail.text, html: mail.html });
      } catch (error) {
        // The error may quote the recipient (a refused RCPT): say what failed, not to whom.
        const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code ?? 'unknown';
        // eslint-disable-next-line preserve-caught-error -- the cause names the recipient: it must not reach a log.
        throw new Error(`SMTP delivery of a ${message.type} email failed (${code})`);
      }
    },
    async sendSms(message) {
      if (!options.sms) throw new Error('No SMS delivery is configured: pass `sms` to createSmtpDelivery');
      await options.sms(message);
    },
  };
}
