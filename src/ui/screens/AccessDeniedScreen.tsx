import type { ReactNode } from 'react';
import type { AccessDeniedReason } from '../../core/index.ts';
import { useSession, useSignOut, type AccessDeniedDecision } from '../../react/index.ts';
import type { MessageKey } from '../messages/types.ts';
import type { BaseScreenProps } from './screenSupport.ts';
import { failureText, useScreenKit } from './screenSupport.ts';

/**
 * Why access is denied: the kit's decision reasons, plus `NO_FACTOR_AVAILABLE` (sign-in is complete
 * but the user has no factor to re-verify with).
 */
export type AccessDeniedScreenReason = AccessDeniedReason | 'NO_FACTOR_AVAILABLE';

/** Props of {@link AccessDeniedScreen}. */
export interface AccessDeniedScreenProps extends BaseScreenProps {
  /** The decision of `<SessionAuth>` or `useContinue` (what the kit's routes pass). */
  decision?: AccessDeniedDecision;
  /** A reason without a decision. `decision.reason` wins. @default 'CLAIM_FAILED' */
  reason?: AccessDeniedScreenReason;
  /** Your own explanation, shown instead of the reason's. */
  message?: ReactNode;
}

const reasonKeys: Record<AccessDeniedScreenReason, Extract<MessageKey, `accessDenied.${string}`>> = {
  NO_FACTOR_POSSIBLE: 'accessDenied.noFactor',
  NO_FACTOR_AVAILABLE: 'accessDenied.noFactorAvailable',
  CLAIM_FAILED: 'accessDenied.forbidden',
};

/**
 * "Access denied" with the reason in words (`data-fk="screen"`, `data-state="denied"`), and the
 * ways out: sign out (when signed in) and back.
 */
export function AccessDeniedScreen({ decision, reason, message, components, ...props }: AccessDeniedScreenProps) {
  const { m, c, root } = useScreenKit(components, 'signIn');
  const session = useSession();
  const signOut = useSignOut();
  const why = message ?? m.format(reasonKeys[decision?.reason ?? reason ?? 'CLAIM_FAILED']);
  return (
    <c.ScreenLayout
      data-state="denied"
      {...root}
      {...props}
      heading={m.format('accessDenied.title')}
      footer={
        <>
          {session.exists && (
            <c.Button variant="link" submitting={signOut.isPending} onClick={() => signOut.mutate()}>
              {m.format('common.signOut')}
            </c.Button>
          )}
          <c.Button variant="link" onClick={() => globalThis.history?.back()}>
            {m.format('common.back')}
          </c.Button>
        </>
      }
    >
      <c.Alert tone="error">{why}</c.Alert>
      {signOut.isError && <c.Alert tone="error">{failureText(m, signOut.error)}</c.Alert>}
    </c.ScreenLayout>
  );
}
