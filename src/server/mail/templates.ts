/**
 * The emails the backend sends, as plain text and HTML, in English, French, German and Arabic: a code
 * or sign-in link, an email-verification link, a password-reset link, and the security notices. Pure:
 * a message in, `{subject, text, html}` out. Every value from outside is escaped in the HTML.
 */
import type { EmailMessage, SecurityNoticeKind } from '../delivery.ts';

export type MailLocale = 'en' | 'fr' | 'de' | 'ar';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Words {
  dir: 'ltr' | 'rtl';
  code: { subject: string; intro: string; expires: (minutes: number) => string; orLink: string; link: string };
  linkOnly: { subject: string; intro: string; button: string };
  verify: { subject: string; intro: string; button: string; ignore: string };
  reset: { subject: string; intro: string; button: string; expires: string; ignore: string };
  recover: { subject: string; intro: string; button: string; expires: string; ignore: string };
  notice: { subject: string; intro: string; when: (at: string) => string; notYou: string; events: Record<SecurityNoticeKind, (factor: string, detail?: string) => string> };
  factors: Record<string, string>;
}

const WORDS: Record<MailLocale, Words> = {
  en: {
    dir: 'ltr',
    code: { subject: 'Your code for {app}', intro: 'Your one-time code for {app}:', expires: (m) => `It expires in ${m} minutes. Never share it: {app} will never ask you for it.`, orLink: 'Or open this link to sign in:', link: 'Sign in' },
    linkOnly: { subject: 'Your sign-in link for {app}', intro: 'Open this link to sign in to {app}. It works once, for 15 minutes.', button: 'Sign in' },
    verify: { subject: 'Confirm your email address for {app}', intro: 'Confirm that this address is yours to finish setting up your {app} account.', button: 'Confirm email address', ignore: 'If you did not create an account, ignore this email.' },
    recover: { subject: 'Make a new passkey for {app}', intro: 'Someone asked to make a new passkey for your {app} account, for a lost device. Make it with this link, on the device that will keep it:', button: 'Make a new passkey', expires: 'The link works once, for one hour.', ignore: 'If you did not ask for this, ignore this email: nothing changes.' },
    reset: { subject: 'Reset your password for {app}', intro: 'Someone asked to reset the password of your {app} account. Choose a new password with this link:', button: 'Choose a new password', expires: 'The link works once, for one hour.', ignore: 'If you did not ask for this, ignore this email: your password stays as it is.' },
    notice: {
      subject: 'Security alert for your {app} account',
      intro: 'The way your {app} account is protected changed:',
      when: (at) => `When: ${at}`,
      notYou: 'If this was not you, change your password and review your sign-in methods now, or contact support.',
      events: {
        FACTOR_ADDED: (f, d) => `${f} was added${d ? ` (${d})` : ''}.`,
        FACTOR_REMOVED: (f, d) => `${f} was removed${d ? ` (${d})` : ''}.`,
        FACTOR_TURNED_OFF: (f) => `${f} is no longer asked at sign-in.`,
        PASSWORD_CHANGED: () => 'Your password was changed.',
        RECOVERY_CODE_USED: (_f, d) => `A recovery code was used to sign in${d ? ` (${d} left)` : ''}.`,
        RECOVERY_CODES_RENEWED: () => 'New recovery codes were made; the old ones no longer work.',
      },
    },
    factors: { totp: 'An authenticator app', 'otp-email': 'Codes by email', 'otp-phone': 'Codes by text message', emailpassword: 'A password', thirdparty: 'A social sign-in', 'recovery-code': 'A recovery code', webauthn: 'A passkey' },
  },
  fr: {
    dir: 'ltr',
    code: { subject: 'Votre code pour {app}', intro: 'Votre code à usage unique pour {app}\u00a0:', expires: (m) => `Il expire dans ${m}\u00a0minutes. Ne le communiquez jamais\u00a0: {app} ne vous le demandera jamais.`, orLink: 'Ou ouvrez ce lien pour vous connecter\u00a0:', link: 'Se connecter' },
    linkOnly: { subject: 'Votre lien de connexion pour {app}', intro: 'Ouvrez ce lien pour vous connecter à {app}. Il ne sert qu’une fois, pendant 15\u00a0minutes.', button: 'Se connecter' },
    verify: { subject: 'Confirmez votre adresse e-mail pour {app}', intro: 'Confirmez que cette adresse est bien la vôtre pour terminer la création de votre compte {app}.', button: 'Confirmer l’adresse e-mail', ignore: 'Si vous n’avez pas créé de compte, ignorez cet e-mail.' },
    recover: { subject: 'Créez une nouvelle clé d’accès pour {app}', intro: 'Quelqu’un a demandé une nouvelle clé d’accès pour votre compte {app}, après la perte d’un appareil. Créez-la avec ce lien, sur l’appareil qui la gardera\u00a0:', button: 'Créer une nouvelle clé d’accès', expires: 'Le lien ne sert qu’une fois, pendant une heure.', ignore: 'Si vous n’avez rien demandé, ignorez cet e-mail\u00a0: rien ne change.' },
    reset: { subject: 'Réinitialisez votre mot de passe pour {app}', intro: 'Quelqu’un a demandé à réinitialiser le mot de passe de votre compte {app}. Choisissez un nouveau mot de passe avec ce lien\u00a0:', button: 'Choisir un nouveau mot de passe', expires: 'Le lien ne sert qu’une fois, pendant une heure.', ignore: 'Si vous n’avez rien demandé, ignorez cet e-mail\u00a0: votre mot de passe ne change pas.' },
    notice: {
      subject: 'Alerte de sécurité pour votre compte {app}',
      intro: 'La protection de votre compte {app} a changé\u00a0:',
      when: (at) => `Quand\u00a0: ${at}`,
      notYou: 'Si ce n’était pas vous, changez votre mot de passe et vérifiez vos méthodes de connexion dès maintenant, ou contactez l’assistance.',
      events: {
        FACTOR_ADDED: (f, d) => `${f}\u00a0: ajouté${d ? ` (${d})` : ''}.`,
        FACTOR_REMOVED: (f, d) => `${f}\u00a0: supprimé${d ? ` (${d})` : ''}.`,
        FACTOR_TURNED_OFF: (f) => `${f}\u00a0: n’est plus demandé à la connexion.`,
        PASSWORD_CHANGED: () => 'Votre mot de passe a été modifié.',
        RECOVERY_CODE_USED: (_f, d) => `Un code de récupération a servi à se connecter${d ? ` (il en reste ${d})` : ''}.`,
        RECOVERY_CODES_RENEWED: () => 'De nouveaux codes de récupération ont été créés\u00a0; les anciens ne fonctionnent plus.',
      },
    },
    factors: { totp: 'Application d’authentification', 'otp-email': 'Codes par e-mail', 'otp-phone': 'Codes par SMS', emailpassword: 'Mot de passe', thirdparty: 'Connexion via un autre compte', 'recovery-code': 'Code de récupération', webauthn: 'Clé d’accès' },
  },
  de: {
    dir: 'ltr',
    code: { subject: 'Ihr Code für {app}', intro: 'Ihr Einmalcode für {app}:', expires: (m) => `Er läuft in ${m} Minuten ab. Geben Sie ihn nie weiter: {app} fragt Sie nie danach.`, orLink: 'Oder öffnen Sie diesen Link, um sich anzumelden:', link: 'Anmelden' },
    linkOnly: { subject: 'Ihr Anmeldelink für {app}', intro: 'Öffnen Sie diesen Link, um sich bei {app} anzumelden. Er funktioniert einmal und 15 Minuten lang.', button: 'Anmelden' },
    verify: { subject: 'Bestätigen Sie Ihre E-Mail-Adresse für {app}', intro: 'Bestätigen Sie, dass diese Adresse Ihnen gehört, um Ihr Konto bei {app} fertig einzurichten.', button: 'E-Mail-Adresse bestätigen', ignore: 'Wenn Sie kein Konto erstellt haben, ignorieren Sie diese E-Mail.' },
    recover: { subject: 'Neuen Passkey für {app} erstellen', intro: 'Jemand hat für Ihr Konto bei {app} einen neuen Passkey für ein verlorenes Gerät angefordert. Erstellen Sie ihn mit diesem Link auf dem Gerät, das ihn behalten soll:', button: 'Neuen Passkey erstellen', expires: 'Der Link funktioniert einmal und eine Stunde lang.', ignore: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Es ändert sich nichts.' },
    reset: { subject: 'Passwort für {app} zurücksetzen', intro: 'Jemand hat verlangt, das Passwort Ihres Kontos bei {app} zurückzusetzen. Wählen Sie mit diesem Link ein neues Passwort:', button: 'Neues Passwort wählen', expires: 'Der Link funktioniert einmal und eine Stunde lang.', ignore: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.' },
    notice: {
      subject: 'Sicherheitshinweis zu Ihrem Konto bei {app}',
      intro: 'Der Schutz Ihres Kontos bei {app} hat sich geändert:',
      when: (at) => `Wann: ${at}`,
      notYou: 'Wenn Sie das nicht waren, ändern Sie jetzt Ihr Passwort und prüfen Sie Ihre Anmeldemethoden, oder wenden Sie sich an den Support.',
      events: {
        FACTOR_ADDED: (f, d) => `${f} wurde hinzugefügt${d ? ` (${d})` : ''}.`,
        FACTOR_REMOVED: (f, d) => `${f} wurde entfernt${d ? ` (${d})` : ''}.`,
        FACTOR_TURNED_OFF: (f) => `${f} wird bei der Anmeldung nicht mehr verlangt.`,
        PASSWORD_CHANGED: () => 'Ihr Passwort wurde geändert.',
        RECOVERY_CODE_USED: (_f, d) => `Zur Anmeldung wurde ein Wiederherstellungscode verwendet${d ? ` (${d} übrig)` : ''}.`,
        RECOVERY_CODES_RENEWED: () => 'Es wurden neue Wiederherstellungscodes erstellt; die alten gelten nicht mehr.',
      },
    },
    factors: { totp: 'Eine Authenticator-App', 'otp-email': 'Codes per E-Mail', 'otp-phone': 'Codes per SMS', emailpassword: 'Ein Passwort', thirdparty: 'Eine Anmeldung über ein anderes Konto', 'recovery-code': 'Ein Wiederherstellungscode', webauthn: 'Ein Passkey' },
  },
  ar: {
    dir: 'rtl',
    code: { subject: 'رمزك لـ {app}', intro: 'رمزك لمرة واحدة لـ {app}:', expires: (m) => `تنتهي صلاحيته خلال ${m} دقيقة. لا تشاركه أبدًا: لن يطلبه منك {app} أبدًا.`, orLink: 'أو افتح هذا الرابط لتسجيل الدخول:', link: 'تسجيل الدخول' },
    linkOnly: { subject: 'رابط تسجيل الدخول إلى {app}', intro: 'افتح هذا الرابط لتسجيل الدخول إلى {app}. يعمل مرة واحدة ولمدة 15 دقيقة.', button: 'تسجيل الدخول' },
    verify: { subject: 'أكّد عنوان بريدك الإلكتروني لـ {app}', intro: 'أكّد أن هذا العنوان لك لإكمال إعداد حسابك في {app}.', button: 'تأكيد عنوان البريد الإلكتروني', ignore: 'إذا لم تنشئ حسابًا، فتجاهل هذه الرسالة.' },
    recover: { subject: 'أنشئ مفتاح مرور جديدًا لـ {app}', intro: 'طلب أحدهم مفتاح مرور جديدًا لحسابك في {app} بعد فقدان جهاز. أنشئه بهذا الرابط على الجهاز الذي سيحتفظ به:', button: 'إنشاء مفتاح مرور جديد', expires: 'يعمل الرابط مرة واحدة ولمدة ساعة.', ignore: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: لن يتغير شيء.' },
    reset: { subject: 'إعادة تعيين كلمة المرور لـ {app}', intro: 'طلب أحدهم إعادة تعيين كلمة مرور حسابك في {app}. اختر كلمة مرور جديدة بهذا الرابط:', button: 'اختيار كلمة مرور جديدة', expires: 'يعمل الرابط مرة واحدة ولمدة ساعة.', ignore: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.' },
    notice: {
      subject: 'تنبيه أمني لحسابك في {app}',
      intro: 'تغيّرت طريقة حماية حسابك في {app}:',
      when: (at) => `الوقت: ${at}`,
      notYou: 'إذا لم تكن أنت، فغيّر كلمة المرور وراجع طرق تسجيل الدخول الآن، أو تواصل مع الدعم.',
      events: {
        FACTOR_ADDED: (f, d) => `أُضيف: ${f}${d ? ` (${d})` : ''}.`,
        FACTOR_REMOVED: (f, d) => `أُزيل: ${f}${d ? ` (${d})` : ''}.`,
        FACTOR_TURNED_OFF: (f) => `لم يعد يُطلب عند تسجيل الدخول: ${f}.`,
        PASSWORD_CHANGED: () => 'تم تغيير كلمة المرور.',
        RECOVERY_CODE_USED: (_f, d) => `استُخدم رمز استرداد لتسجيل الدخول${d ? ` (المتبقي: ${d})` : ''}.`,
        RECOVERY_CODES_RENEWED: () => 'أُنشئت رموز استرداد جديدة؛ ولم تعد الرموز القديمة تعمل.',
      },
    },
    factors: { totp: 'تطبيق المصادقة', 'otp-email': 'رموز عبر البريد الإلكتروني', 'otp-phone': 'رموز عبر الرسائل النصية', emailpassword: 'كلمة المرور', thirdparty: 'تسجيل الدخول بحساب آخر', 'recovery-code': 'رمز استرداد', webauthn: 'مفتاح مرور' },
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A page of paragraphs and at most one button, escaped, in the locale's direction. */
function html(words: Words, locale: MailLocale, parts: ({ p: string } | { code: string } | { button: string; href: string })[]): string {
  const body = parts
    .map((part) =>
      'p' in part
        ? `<p style="margin:0 0 16px">${escapeHtml(part.p)}</p>`
        : 'code' in part
          ? `<p style="margin:0 0 16px;font:600 28px/1.2 ui-monospace,monospace;letter-spacing:4px" dir="ltr">${escapeHtml(part.code)}</p>`
          : `<p style="margin:0 0 16px"><a href="${escapeHtml(part.href)}" style="display:inline-block;padding:12px 20px;border-radius:8px;background:#1d4ed8;color:#fff;text-decoration:none;font-weight:600">${escapeHtml(part.button)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#475569;word-break:break-all" dir="ltr">${escapeHtml(part.href)}</p>`,
    )
    .join('');
  return `<!doctype html><html lang="${locale}" dir="${words.dir}"><body style="margin:0;padding:24px;background:#f1f5f9"><div style="max-width:520px;margin:0 auto;padding:24px;background:#fff;border-radius:12px;font:16px/1.5 system-ui,sans-serif;color:#0f172a">${body}</div></body></html>`;
}

/** Renders one email in a locale (`en`, `fr`, `de`, `ar`; others fall back to English). */
export function renderMail(message: EmailMessage, options: { appName: string; locale?: string; now?: () => number }): RenderedMail {
  const locale: MailLocale = (['en', 'fr', 'de', 'ar'] as const).find((l) => options.locale?.toLowerCase().startsWith(l)) ?? 'en';
  const w = WORDS[locale];
  const app = (s: string) => s.replaceAll('{app}', options.appName);
  switch (message.type) {
    case 'PASSWORDLESS_LOGIN': {
      const minutes = Math.round(message.codeLifetime / 60_000);
      if (message.userInputCode === undefined && message.urlWithLinkCode !== undefined) {
        const intro = app(w.linkOnly.intro);
        return { subject: app(w.linkOnly.subject), text: `${intro}\n\n${message.urlWithLinkCode}\n`, html: html(w, locale, [{ p: intro }, { button: w.linkOnly.button, href: message.urlWithLinkCode }]) };
      }
      const code = message.userInputCode ?? '';
      const lines = [app(w.code.intro), '', code, '', app(w.code.expires(minutes))];
      if (message.urlWithLinkCode !== undefined) lines.push('', w.code.orLink, message.urlWithLinkCode);
      return {
        subject: app(w.code.subject),
        text: `${lines.join('\n')}\n`,
        html: html(w, locale, [{ p: app(w.code.intro) }, { code }, { p: app(w.code.expires(minutes)) }, ...(message.urlWithLinkCode !== undefined ? [{ p: w.code.orLink }, { button: w.code.link, href: message.urlWithLinkCode }] : [])]),
      };
    }
    case 'EMAIL_VERIFICATION':
      return {
        subject: app(w.verify.subject),
        text: `${app(w.verify.intro)}\n\n${message.emailVerifyLink}\n\n${w.verify.ignore}\n`,
        html: html(w, locale, [{ p: app(w.verify.intro) }, { button: w.verify.button, href: message.emailVerifyLink }, { p: w.verify.ignore }]),
      };
    case 'PASSWORD_RESET':
      return {
        subject: app(w.reset.subject),
        text: `${app(w.reset.intro)}\n\n${message.passwordResetLink}\n\n${w.reset.expires}\n${w.reset.ignore}\n`,
        html: html(w, locale, [{ p: app(w.reset.intro) }, { button: w.reset.button, href: message.passwordResetLink }, { p: w.reset.expires }, { p: w.reset.ignore }]),
      };
    case 'WEBAUTHN_RECOVER_ACCOUNT':
      return {
        subject: app(w.recover.subject),
        text: `${app(w.recover.intro)}\n\n${message.recoverAccountLink}\n\n${w.recover.expires}\n${w.recover.ignore}\n`,
        html: html(w, locale, [{ p: app(w.recover.intro) }, { button: w.recover.button, href: message.recoverAccountLink }, { p: w.recover.expires }, { p: w.recover.ignore }]),
      };
    case 'SECURITY_NOTICE': {
      const factor = w.factors[message.factorId] ?? message.factorId;
      const event = w.notice.events[message.notice](factor, message.detail);
      const at = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(message.at) + ' UTC';
      const lines = [app(w.notice.intro), event, w.notice.when(at), w.notice.notYou];
      return { subject: app(w.notice.subject), text: `${lines.join('\n\n')}\n`, html: html(w, locale, lines.map((p) => ({ p }))) };
    }
  }
}
