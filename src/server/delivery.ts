import type { Db } from './db/Db.ts';

/** A one-time code (and, for a first factor, maybe a magic link), by email or text message. */
export interface PasswordlessLoginMessage {
  type: 'PASSWORDLESS_LOGIN';
  userInputCode?: string;
  urlWithLinkCode?: string;
  /** Milliseconds. */
  codeLifetime: number;
  isFirstFactor: boolean;
  preAuthSessionId: string;
  tenantId: string;
}

/** What a security notice tells the account's owner. */
export type SecurityNoticeKind =
  /** A way to sign in or to pass MFA was added: an authenticator app, a phone number, an address, a login. */
  | 'FACTOR_ADDED'
  /** An authenticator app (or another way in) was removed. */
  | 'FACTOR_REMOVED'
  /** A factor is no longer asked at sign-in. */
  | 'FACTOR_TURNED_OFF'
  /** The password was reset from an emailed link, or changed in the settings. */
  | 'PASSWORD_CHANGED'
  /** A recovery code was used to sign in (detail: how many are left). */
  | 'RECOVERY_CODE_USED'
  /** A new set of recovery codes was made; the old set no longer works. */
  | 'RECOVERY_CODES_RENEWED';

/** Tells the account's addresses about a change to how it is protected (not sent to a contact just added). */
export interface SecurityNoticeMessage {
  type: 'SECURITY_NOTICE';
  email: string;
  notice: SecurityNoticeKind;
  factorId: string;
  /** The device's name, or the new contact with most of it masked (`+1 ••• ••• ••01`). */
  detail?: string;
  /** Epoch ms. */
  at: number;
  tenantId: string;
}

/** An email the backend sends. */
export type EmailMessage =
  | (PasswordlessLoginMessage & { email: string })
  | { type: 'EMAIL_VERIFICATION'; email: string; emailVerifyLink: string; user: { id: string; recipeUserId: string }; tenantId: string }
  | { type: 'PASSWORD_RESET'; email: string; passwordResetLink: string; user: { id: string; recipeUserId: string }; tenantId: string }
  /** A link to make a new passkey for a passkey account whose passkeys are lost. */
  | { type: 'WEBAUTHN_RECOVER_ACCOUNT'; email: string; recoverAccountLink: string; user: { id: string; recipeUserId: string }; tenantId: string }
  | SecurityNoticeMessage;

/** A text message the backend sends. */
export type SmsMessage = PasswordlessLoginMessage & { phoneNumber: string };

/** How emails and text messages leave the backend. */
export interface Delivery {
  sendEmail(message: EmailMessage): Promise<void>;
  sendSms(message: SmsMessage): Promise<void>;
}

/** One message in the dev outbox. */
export interface OutboxEntry {
  id: number;
  channel: 'email' | 'sms';
  to: string;
  type: EmailMessage['type'];
  userInputCode?: string;
  link?: string;
  isFirstFactor?: boolean;
  /** Security notices: what happened, to which factor, and its (masked) detail. */
  notice?: SecurityNoticeKind;
  factorId?: string;
  detail?: string;
  tenantId: string;
  createdAt: number;
}

/**
 * The default delivery: messages are stored in the database so a developer (and the demo's outbox
 * page, over `GET /auth/dev/outbox` in dev mode) can read codes and links without real email or SMS.
 */
export function createDevOutbox(db: Db, now: () => number) {
  const store = async (channel: 'email' | 'sms', to: string, message: EmailMessage | SmsMessage) => {
    await db.query('INSERT INTO fk_dev_outbox (channel, recipient, message, created_at) VALUES ($1, $2, $3, $4)', [channel, to, JSON.stringify(message), now()]);
  };
  return {
    sendEmail: (message: EmailMessage) => store('email', message.email, message),
    sendSms: (message: SmsMessage) => store('sms', message.phoneNumber, message),
    /** Newest first; optionally only the messages to one recipient. */
    async list(filter: { to?: string; limit?: number } = {}): Promise<OutboxEntry[]> {
      const rows = await db.query<{ id: number; channel: 'email' | 'sms'; recipient: string; message: EmailMessage | SmsMessage; created_at: number }>(
        `SELECT id, channel, recipient, message, created_at FROM fk_dev_outbox ${filter.to === undefined ? '' : 'WHERE recipient = $2'} ORDER BY id DESC LIMIT $1`,
        filter.to === undefined ? [filter.limit ?? 100] : [filter.limit ?? 100, filter.to],
      );
      return rows.map(({ id, channel, recipient, message, created_at }) => ({
        id: Number(id),
        channel,
        to: recipient,
        type: message.type,
        ...('userInputCode' in message && message.userInputCode !== undefined && { userInputCode: message.userInputCode }),
        ...('urlWithLinkCode' in message && message.urlWithLinkCode !== undefined && { link: message.urlWithLinkCode }),
        ...('emailVerifyLink' in message && { link: message.emailVerifyLink }),
        ...('passwordResetLink' in message && { link: message.passwordResetLink }),
        ...('recoverAccountLink' in message && { link: message.recoverAccountLink }),
        ...('isFirstFactor' in message && { isFirstFactor: message.isFirstFactor }),
        ...(message.type === 'SECURITY_NOTICE' && { notice: message.notice, factorId: message.factorId, ...(message.detail !== undefined && { detail: message.detail }) }),
        tenantId: message.tenantId,
        createdAt: created_at,
      }));
    },
  };
}

export type DevOutbox = ReturnType<typeof createDevOutbox>;

/** Delivery by webhook: each message is POSTed as JSON to `url` (for an SMTP or SMS gateway of your own). */
export function createWebhookDelivery(url: string, fetchImpl: typeof fetch = fetch): Delivery {
  const post = async (channel: 'email' | 'sms', message: EmailMessage | SmsMessage) => {
    const response = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, message }) });
    if (!response.ok) throw new Error(`Delivery webhook answered ${response.status}`);
  };
  return { sendEmail: (m) => post('email', m), sendSms: (m) => post('sms', m) };
}
