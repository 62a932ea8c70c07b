import type { SecurityNoticeKind } from './delivery.ts';
import type { Services } from './services.ts';
import { isFakeEmail, type User } from './users.ts';

/** A contact with most of it hidden, for notices that go to other addresses: `+1 ••• ••• ••01`, `a•••@example.com`. */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@');
  if (at > 0) return `${contact[0]}•••${contact.slice(at)}`;
  return `${contact.slice(0, 2)}••••${contact.slice(-2)}`;
}

/**
 * Tells every real address of the account (as it was before the change) that the way it is protected
 * changed. A failed delivery is logged without the address and does not undo the change.
 */
export async function notifyAccount(
  s: Services,
  user: User,
  notice: { notice: SecurityNoticeKind; factorId: string; detail?: string; tenantId: string; except?: string },
): Promise<void> {
  const to = user.emails.filter((e) => !isFakeEmail(e) && e !== notice.except);
  for (const email of to) {
    try {
      await s.delivery.sendEmail({
        type: 'SECURITY_NOTICE',
        email,
        notice: notice.notice,
        factorId: notice.factorId,
        ...(notice.detail !== undefined && { detail: notice.detail }),
        at: s.now(),
        tenantId: notice.tenantId,
      });
    } catch (error) {
      console.error(`factorkit backend: a security notice (${notice.notice}, ${notice.factorId}) could not be delivered:`, error instanceof Error ? error.message : 'unknown error');
    }
  }
}
