import type { PasskeyIssue } from '../../core/index.ts';
import type { Messages } from '../messages/types.ts';
import { failureText, refusalText } from './screenSupport.ts';

/** A passkey ceremony's issue in words a person can act on. */
export function passkeyIssueText(m: Messages, issue: PasskeyIssue | undefined): string | undefined {
  if (issue === undefined) return undefined;
  switch (issue.kind) {
    case 'cancelled':
    case 'alreadyRegistered':
    case 'unsupported':
    case 'insecure':
    case 'wrong':
    case 'emailTaken':
    case 'emailRequired':
    case 'emailInvalid':
    case 'stepUp':
      return m.format(`passkey.${issue.kind}`);
    case 'linkInvalid':
      return m.format('passkeyRecovery.linkInvalid');
    case 'refused':
      return refusalText(m, issue.refusal);
    case 'failed':
      return failureText(m, issue.error);
  }
}
