import type { SecurityNoticeKind } from './delivery.ts';
import type { Services } from './services.ts';
import { isFakeEmail, type User } from './users.ts';

export { maskContact } from '../protocol/maskContact.ts';

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
