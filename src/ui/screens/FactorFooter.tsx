import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { RecoveryCodeLink } from './RecoveryCodeLink.tsx';

/** Props of {@link FactorFooter}. */
export interface FactorFooterProps {
  m: Messages;
  c: ScreenComponents;
  /** `useFactorScreen`'s way back. */
  factor: { canGoBack: boolean; otherMethodWillDo: boolean; goToChooser: () => void };
  /** `useSignOut()`. */
  signOut: { isPending: boolean; mutate: () => void };
  /** Runs before leaving by either button (a TOTP set-up drops its unverified app). */
  beforeLeave?: () => Promise<unknown>;
  /** The way back is off while the screen continues. */
  busy?: boolean;
  /** "Lost access? Use a recovery code" (not while setting a factor up). @default true */
  recovery?: boolean;
}

/**
 * The ways out of a factor screen, the same on each: back to the chooser ("Use another method" when
 * another would do), a recovery code when the account has one, and sign out.
 */
export function FactorFooter({ m, c, factor, signOut, beforeLeave, busy = false, recovery = true }: FactorFooterProps) {
  const leave = async (go: () => void) => {
    await beforeLeave?.();
    go();
  };
  return (
    <>
      {factor.canGoBack && (
        <c.Button variant="link" disabled={busy} onClick={() => void leave(() => factor.goToChooser())}>
          {m.format(factor.otherMethodWillDo ? 'common.useAnotherMethod' : 'common.back')}
        </c.Button>
      )}
      {recovery && <RecoveryCodeLink m={m} />}
      <c.Button variant="link" submitting={signOut.isPending} onClick={() => void leave(() => signOut.mutate())}>
        {m.format('common.signOut')}
      </c.Button>
    </>
  );
}
