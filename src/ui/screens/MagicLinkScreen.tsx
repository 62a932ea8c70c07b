import { useEffect, useRef } from 'react';
import type { magicLinkOf } from '../../core/index.ts';
import { useAuthLinks, useContinue, useMagicLinkFlow, useMagicLinkInUrl } from '../../react/index.ts';
import { AuthLink } from './AuthLink.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { failureText, refusalText, useScreenKit, useStepFocus } from './screenSupport.ts';

/** Props of {@link MagicLinkScreen}. */
export type MagicLinkScreenProps = BaseScreenProps;

/**
 * `{basePath}/verify`: a magic link opened, markup over `useMagicLinkFlow`. The link's secret is taken
 * out of the address bar at once. In the browser that asked for it, it signs in and continues (to the
 * next factor, or the page first asked for); in another browser it asks for a click first (a mail
 * scanner opening the link signs nobody in); an expired or used link says so.
 */
export function MagicLinkScreen({ components, ...props }: MagicLinkScreenProps) {
  const link = useMagicLinkInUrl();
  if (!link) return <DeadLink components={components} {...props} />;
  return <OpenedLink link={link} components={components} {...props} />;
}

function OpenedLink({ link, components, ...props }: MagicLinkScreenProps & { link: NonNullable<ReturnType<typeof magicLinkOf>> }) {
  const { m, c, root } = useScreenKit(components);
  const { state, view, consume } = useMagicLinkFlow(link);
  const next = useContinue();
  const headingRef = useStepFocus(view.step);
  const continued = useRef(false);
  useEffect(() => {
    if (view.step !== 'signedIn' || continued.current) return;
    continued.current = true;
    next.mutate();
  }, [view.step, next]);

  if (view.step === 'invalid') return <DeadLink components={components} {...props} />;
  if ((view.step === 'signingIn' || view.step === 'signedIn') && !next.isError) return <LoadingScreen components={components} {...props} />;
  const issue = state.issue;
  const error = next.isError ? failureText(m, next.error) : issue === undefined ? undefined : issue.kind === 'failed' ? failureText(m, issue.error) : refusalText(m, issue.refusal);
  return (
    <c.ScreenLayout data-state={error ? 'error' : 'idle'} {...root} {...props} headingRef={headingRef} heading={m.format('magicLink.confirm.title')} subtitle={m.format('magicLink.confirm.body')}>
      {error !== undefined && <c.Alert tone="error">{error}</c.Alert>}
      <c.Button submitting={state.consuming || next.isPending} onClick={() => (view.step === 'signedIn' ? next.mutate() : void consume())}>
        {m.format(view.step === 'signedIn' ? 'common.continue' : 'magicLink.confirm.action')}
      </c.Button>
    </c.ScreenLayout>
  );
}

function DeadLink({ components, ...props }: MagicLinkScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const links = useAuthLinks();
  return (
    <c.ScreenLayout data-state="error" {...root} {...props} heading={m.format('magicLink.invalid.title')} subtitle={m.format('magicLink.invalid.body')}>
      <AuthLink href={links.signIn} go={links.go}>
        {m.format('common.backToSignIn')}
      </AuthLink>
    </c.ScreenLayout>
  );
}
