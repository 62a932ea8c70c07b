import type { MouseEvent } from 'react';
import { useFactorChooser, useMFAInfo, useSignOut } from '../../react/index.ts';
import { AccessDeniedScreen } from './AccessDeniedScreen.tsx';
import { factorText } from './factorText.ts';
import { LoadingScreen } from './LoadingScreen.tsx';
import { RecoveryCodeLink } from './RecoveryCodeLink.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, useScreenKit } from './screenSupport.ts';

/** Props of {@link FactorChooserScreen}. */
export type FactorChooserScreenProps = BaseScreenProps;

/**
 * `{basePath}/mfa`: the factors the user may use next, each with its name, description and icon
 * (custom factors registered in `<AuthProvider factors>` included). Back only once sign-in is
 * complete (step-up, settings); sign-out always. Access denied, with the reason, when no factor is
 * possible. A loading screen, never a blank one, while MFA info loads or the chooser continues.
 */
export function FactorChooserScreen({ components, ...props }: FactorChooserScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const chooser = useFactorChooser();
  const info = useMFAInfo();
  const signOut = useSignOut();

  if (chooser.isPending) return <LoadingScreen components={components} {...props} />;
  if (chooser.options.length === 0 && chooser.error === null)
    return <AccessDeniedScreen reason={chooser.isSigningIn ? 'NO_FACTOR_POSSIBLE' : 'NO_FACTOR_AVAILABLE'} components={components} {...props} />;

  const error = chooser.error === null ? undefined : chooser.error instanceof Error ? failureText(m, chooser.error) : answerText(m, chooser.error);
  const choose = (factorId: string, event: MouseEvent<HTMLElement>) => {
    // The option is a real link (open in a new tab works); a plain click stays in the router.
    event.preventDefault();
    chooser.select(factorId);
  };

  return (
    <c.ScreenLayout
      data-state={error ? 'error' : 'idle'}
      {...root}
      {...props}
      heading={m.format('chooser.title')}
      // "One of these" only when one will do: a sign-in that needs each of them says so.
      subtitle={m.format(chooser.eachNeeded ? 'chooser.subtitle.each' : 'chooser.subtitle')}
      progress={chooser.progress && m.format('common.step', chooser.progress)}
      footer={
        <>
          {!chooser.isSigningIn && (
            <c.Button variant="link" onClick={() => chooser.goBack()}>
              {m.format('common.back')}
            </c.Button>
          )}
          <RecoveryCodeLink m={m} />
          <c.Button variant="link" submitting={signOut.isPending} onClick={() => signOut.mutate()}>
            {m.format('common.signOut')}
          </c.Button>
        </>
      }
    >
      {error !== undefined && (
        <c.Alert tone="error">
          {error}{' '}
          <c.Button variant="link" submitting={info.isFetching} onClick={() => void info.refetch()}>
            {m.format('common.tryAgain')}
          </c.Button>
        </c.Alert>
      )}
      {signOut.isError && <c.Alert tone="error">{failureText(m, signOut.error)}</c.Alert>}
      <c.FactorList aria-label={m.format('chooser.listLabel')}>
        {chooser.options.map((option) => {
          const text = factorText(m, option);
          // Where a code would go, partly hidden, so the person knows which inbox or phone to pick.
          const contact = option.description === undefined && (option.id === 'otp-email' || option.id === 'otp-phone') ? chooser.contactOf(option.id) : undefined;
          const description = contact === undefined ? text.description : m.format(option.id === 'otp-phone' ? 'factor.otp-phone.descriptionTo' : 'factor.otp-email.descriptionTo', { contact });
          return (
            <c.FactorOption
              key={option.id}
              factorId={option.id}
              href={option.to}
              name={text.name}
              description={description}
              icon={<c.FactorIcon factorId={option.id} />}
              onSelect={choose}
            />
          );
        })}
      </c.FactorList>
    </c.ScreenLayout>
  );
}
