import { useEffect, useRef } from 'react';
import { useAuthLinks, useContinue, useLoginMethods, useThirdPartyCallback } from '../../react/index.ts';
import { useNavigation } from '../../react/useNavigation.ts';
import { AuthLink } from './AuthLink.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { failureText, refusalText, useScreenKit, useStepFocus } from './screenSupport.ts';

/** Props of {@link ThirdPartyCallbackScreen}. */
export type ThirdPartyCallbackScreenProps = BaseScreenProps;

/**
 * `{basePath}/callback/{providerId}`: the way back from a social or enterprise provider, markup over
 * `useThirdPartyCallback`. It signs in and continues (MFA next, or the page first asked for), or, when
 * the person was connecting the provider to their account, goes back to the page they came from; else it
 * says what happened in words a person can act on: they cancelled, the provider gave no address, the
 * sign-in did not start in this tab (nothing is sent then), the provider or the backend could not
 * finish (with a retry when the backend could not be reached).
 */
export function ThirdPartyCallbackScreen({ components, ...props }: ThirdPartyCallbackScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const { state, retry, providerId, connectingFrom } = useThirdPartyCallback();
  const methods = useLoginMethods();
  const links = useAuthLinks();
  const nav = useNavigation();
  const next = useContinue();
  const outcome = state.outcome;
  const headingRef = useStepFocus(outcome?.kind ?? 'working');
  const continued = useRef(false);
  useEffect(() => {
    if (continued.current) return;
    if (outcome?.kind === 'connected') {
      continued.current = true;
      nav.navigate(outcome.returnTo, { replace: true });
    } else if (outcome?.kind === 'signedIn') {
      continued.current = true;
      next.mutate();
    }
  }, [outcome, next, nav]);

  if (outcome === undefined || outcome.kind === 'connected' || (outcome.kind === 'signedIn' && !next.isError)) return <LoadingScreen components={components} {...props} />;
  const listed = methods.data?.status === 'OK' ? methods.data.thirdParty.providers.find((p) => p.id === providerId) : undefined;
  const provider = listed?.name ?? (providerId || m.format('factor.custom.name'));

  const [heading, body] =
    outcome.kind === 'denied'
      ? [m.format('thirdParty.denied.title'), m.format('thirdParty.denied.body', { provider })]
      : outcome.kind === 'noEmail'
        ? [m.format('thirdParty.noEmail.title', { provider }), m.format('thirdParty.noEmail.body', { provider })]
        : outcome.kind === 'notStartedHere'
          ? [m.format('thirdParty.notStartedHere.title'), m.format('thirdParty.notStartedHere.body')]
          : outcome.kind === 'providerError'
            ? [m.format('thirdParty.failed.title'), m.format('thirdParty.providerError.body', { provider })]
            : outcome.kind === 'refused'
              ? [m.format('thirdParty.failed.title'), refusalText(m, outcome.refusal)]
              : outcome.kind === 'failed'
                ? [m.format('thirdParty.failed.title'), failureText(m, outcome.error)]
                : [m.format('thirdParty.failed.title'), failureText(m, next.error)];
  return (
    <c.ScreenLayout data-state="error" {...root} {...props} headingRef={headingRef} heading={heading}>
      <c.Alert tone={outcome.kind === 'denied' ? 'info' : 'error'}>{body}</c.Alert>
      {outcome.kind === 'failed' && (
        <c.Button submitting={state.working} onClick={() => void retry()}>
          {m.format('common.tryAgain')}
        </c.Button>
      )}
      {outcome.kind === 'signedIn' && (
        <c.Button submitting={next.isPending} onClick={() => next.mutate()}>
          {m.format('common.tryAgain')}
        </c.Button>
      )}
      {connectingFrom !== undefined ? (
        <AuthLink href={connectingFrom} go={links.go}>
          {m.format('connected.back')}
        </AuthLink>
      ) : (
        <AuthLink href={links.signIn} go={links.go}>
          {m.format('common.backToSignIn')}
        </AuthLink>
      )}
    </c.ScreenLayout>
  );
}
