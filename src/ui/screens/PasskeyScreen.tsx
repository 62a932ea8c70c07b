import { useContinue, useFactorScreen, useMFAInfo, usePasskeyFlow, useSignOut } from '../../react/index.ts';
import { LoadingScreen } from './LoadingScreen.tsx';
import { passkeyIssueText } from './passkeyText.ts';
import { FactorFooter } from './FactorFooter.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, useScreenKit, useStepFocus } from './screenSupport.ts';
import { TrustDeviceOption } from './TrustDeviceOption.tsx';

/** Props of {@link PasskeyScreen}. */
export type PasskeyScreenProps = BaseScreenProps;

/**
 * `{basePath}/mfa/webauthn`: a passkey as a second factor (`webauthn.secondFactor` on the backend).
 * "Use your passkey" opens the browser's prompt and continues once it is verified; a cancelled or
 * refused prompt says so and the button tries again. Not set up yet: "Create a passkey" for the
 * account's address. Ways back as on the other factor screens.
 */
export function PasskeyScreen({ components, ...props }: PasskeyScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const factor = useFactorScreen('webauthn');
  const info = useMFAInfo();
  const next = useContinue();
  const signOut = useSignOut();
  const passkey = usePasskeyFlow();
  const setUp = factor.needsSetup && factor.canSetUp;
  const step = factor.isPending ? 'loading' : factor.error !== null ? 'error' : setUp ? 'create' : 'use';
  const headingRef = useStepFocus(step);
  if (step === 'loading') return <LoadingScreen components={components} {...props} />;

  const email = factor.info?.emails.emailpassword?.[0] ?? factor.info?.emails['otp-email']?.[0];
  const issue = passkeyIssueText(m, passkey.state.issue);
  const screenError = next.isError ? failureText(m, next.error) : signOut.isError ? failureText(m, signOut.error) : undefined;
  const continuing = passkey.state.done || next.isPending || next.isSuccess;
  const footer = <FactorFooter m={m} c={c} factor={factor} signOut={signOut} />;
  const layout = { ...root, progress: factor.progress && m.format('common.step', factor.progress), ...props, headingRef, footer };

  if (step === 'error') {
    const text = factor.error instanceof Error ? failureText(m, factor.error) : answerText(m, factor.error ?? { status: '' });
    return (
      <c.ScreenLayout data-state="error" {...layout} heading={m.format('error.generic')}>
        <c.Alert tone="error">{text}</c.Alert>
        <c.Button submitting={info.isFetching} onClick={() => void info.refetch()}>
          {m.format('common.tryAgain')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  const go = async () => {
    const ok = setUp && email !== undefined ? await passkey.add({ email }) : await passkey.signIn({ asSecondFactor: true });
    if (ok) next.mutate();
  };
  return (
    <c.ScreenLayout
      data-state={continuing ? 'success' : passkey.state.busy ? 'submitting' : issue || screenError ? 'error' : 'idle'}
      {...layout}
      heading={m.format(step === 'create' ? 'passkeys.add' : 'passkey.use')}
      subtitle={m.format('factor.webauthn.description')}
    >
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      {issue !== undefined && <c.Alert tone="error">{issue}</c.Alert>}
      {step === 'use' && <TrustDeviceOption m={m} />}
      <c.Button autoFocus submitting={passkey.state.busy !== undefined || continuing} disabled={!passkey.supported || (step === 'create' && email === undefined)} onClick={() => void go()}>
        {m.format(step === 'create' ? 'passkeys.add' : 'passkey.use')}
      </c.Button>
      {!passkey.supported && <c.Alert tone="warning">{m.format('passkey.unsupported')}</c.Alert>}
    </c.ScreenLayout>
  );
}
