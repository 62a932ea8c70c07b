import { Suspense, useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { passkeyAutofillSupported, passkeysSupported } from '../../core/index.ts';
import { passkeyIssueText } from './passkeyText.ts';
import type { SignInIssue } from '../../core/index.ts';
import { useAuthLinks, useContinue, usePasskeyFlow, useSession, useSignInFlow, useThirdPartySignIn, useTypedEmail } from '../../react/index.ts';
import { useLoginMethodsOnScreen } from './loginMethodsOnScreen.tsx';
import type { Messages } from '../messages/types.ts';
import { withLaterParts, type ScreenComponents } from './components.ts';
import { AuthLink } from './AuthLink.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';
import { lazyComponent } from '../parts/lazyComponent.tsx';
import type { FormProps } from './SignInWithCode.tsx';
import { RetryCountdown } from './RetryCountdown.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, fieldProblemText, refusalText, thirdPartyStartText, useScreenKit } from './screenSupport.ts';
import { passwordToggleLabels } from './NewPasswordFields.tsx';

// Signing in with a code (or a magic link) is a chunk of its own, fetched when the tenant offers it.
const SignInWithCode = lazyComponent(() => withLaterParts(import('./SignInWithCode.tsx')).then((m) => m.SignInWithCode));

/** What the sign-in screen shows: the password form (sign in or sign up) or a one-time code. */
export type SignInMode = 'signIn' | 'signUp' | 'otp-email' | 'otp-phone';

/** Props of {@link SignInScreen}. */
export interface SignInScreenProps extends BaseScreenProps {
  /** The first form shown. @default 'signIn' when passwords are enabled, else the first code method */
  defaultMode?: SignInMode;
  /** ISO 3166 country for phone numbers typed without `+`. Without it, `+` is required. */
  defaultCountry?: string;
  /** Offer "Forgot your password?" (to `{basePath}/reset-password`). @default true */
  forgotPassword?: boolean;
}

function issueText(m: Messages, issue: SignInIssue | undefined): string | undefined {
  if (issue === undefined) return undefined;
  if (issue.kind === 'wrongCredentials') return m.format('fieldError.wrongCredentials');
  if (issue.kind === 'failed') return failureText(m, issue.error);
  return refusalText(m, issue.refusal);
}

/**
 * `{basePath}`: the first factor. Email and password, signing in or creating an account, with the
 * backend's field errors under their fields (and a summary when there are several); a one-time
 * code by email or text message when the tenant's login methods offer it. A visitor who is signed
 * in already, or just signed in, continues (to the next factor, or the page asked for).
 */
export function SignInScreen(props: SignInScreenProps) {
  const [methods, keepMethodsCurrent] = useLoginMethodsOnScreen();
  return (
    <>
      {keepMethodsCurrent}
      <SignInContent {...props} methods={methods} />
    </>
  );
}

/**
 * A visitor signed in already, or just signed in: the loading screen while `useContinue` moves them
 * on, once, when the session is `ready` (not refreshing); its failure goes to `onError`.
 */
function Continue({ ready, onError, ...props }: BaseScreenProps & { ready: boolean; onError: (error: unknown) => void }) {
  const next = useContinue();
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !ready) return;
    started.current = true;
    next.mutate(undefined, { onError });
  }, [ready, next, onError]);
  return <LoadingScreen {...props} />;
}

function SignInContent({ defaultMode, defaultCountry, forgotPassword = true, components, methods, ...props }: SignInScreenProps & { methods: ReturnType<typeof useLoginMethodsOnScreen>[0] }) {
  const { m, c, root } = useScreenKit(components, 'signIn');
  const session = useSession();
  // Continuing runs once per visit to the screen: after a failure the form shows it.
  const [continueFailure, setContinueFailure] = useState<{ error: unknown }>();
  const continueFailed = useCallback((error: unknown) => setContinueFailure({ error }), []);
  const [chosen, setChosen] = useState<SignInMode | undefined>(defaultMode);

  const first = methods.data?.status === 'OK' ? methods.data.firstFactors : undefined;
  // A code and a magic link start the same way (a contact, then a message): one mode per contact method.
  const offers = (method: 'email' | 'phone') => first !== undefined && (first.includes(`otp-${method}`) || first.includes(`link-${method}`));
  const linkOnly = (method: 'email' | 'phone') => first !== undefined && first.includes(`link-${method}`) && !first.includes(`otp-${method}`);
  const available: SignInMode[] = first === undefined ? ['signIn'] : [...(first.includes('emailpassword') ? (['signIn'] as const) : []), ...(offers('email') ? (['otp-email'] as const) : []), ...(offers('phone') ? (['otp-phone'] as const) : [])];
  const label = (other: SignInMode) =>
    other === 'otp-email' ? (linkOnly('email') ? 'signIn.withEmailLink' : 'signIn.withEmailCode') : other === 'otp-phone' ? (linkOnly('phone') ? 'signIn.withPhoneLink' : 'signIn.withPhoneCode') : 'signIn.withPassword';
  const mode = chosen !== undefined && (available.includes(chosen) || (chosen === 'signUp' && available.includes('signIn'))) ? chosen : available[0];
  const providers = first?.includes('thirdparty') && methods.data?.status === 'OK' ? methods.data.thirdParty.providers : [];
  const passkeys = first?.includes('webauthn') === true && passkeysSupported();
  const codes = available.includes('otp-email') || available.includes('otp-phone');
  useEffect(() => {
    if (codes) void SignInWithCode.preload().catch(() => undefined);
  }, [codes]);
  // Sign-up offers its passkey below the form, so with no providers there is nothing above it (and no "or").
  const passkeyButton = passkeys && mode !== 'signUp';
  const lead =
    providers.length > 0 || passkeyButton ? (
      <ProviderButtons providers={providers} passkeys={passkeyButton} m={m} c={c} separator={mode !== undefined} />
    ) : undefined;

  if (session.exists && continueFailure === undefined) return <Continue components={components} {...props} ready={!session.isPending} onError={continueFailed} />;
  if (methods.isPending || session.isPending) return <LoadingScreen components={components} {...props} />;

  const rootProps = { ...root, ...props };
  const loadError = methods.isError ? failureText(m, methods.error) : methods.data && methods.data.status !== 'OK' ? answerText(m, methods.data) : undefined;
  const screenError = continueFailure !== undefined ? failureText(m, continueFailure.error) : loadError;
  const others = available.filter((a) => a !== mode && !(a === 'signIn' && mode === 'signUp'));
  const switcher =
    others.length > 0 ? (
      <nav data-fk="other-methods" aria-label={m.format('signIn.otherMethods')}>
        {others.map((other) => (
          <c.Button key={other} variant="link" onClick={() => setChosen(other)}>
            {m.format(label(other))}
          </c.Button>
        ))}
      </nav>
    ) : undefined;

  if (mode === undefined)
    return (
      <c.ScreenLayout data-state={lead ? 'idle' : 'error'} {...rootProps} heading={m.format('signIn.title')} subtitle={lead ? m.format('signIn.subtitle') : undefined}>
        {(screenError !== undefined || !lead) && <c.Alert tone="error">{screenError ?? m.format('error.reload')}</c.Alert>}
        {lead}
      </c.ScreenLayout>
    );
  if (mode === 'otp-email' || mode === 'otp-phone')
    return (
      <Suspense fallback={<LoadingScreen components={components} {...props} />}>
        <SignInWithCode key={mode} factorId={mode} linkOnly={linkOnly(mode === 'otp-email' ? 'email' : 'phone')} lead={lead} m={m} c={c} rootProps={rootProps} footer={switcher} screenError={screenError} defaultCountry={defaultCountry} />
      </Suspense>
    );
  return <PasswordForm key={mode} mode={mode} onModeChange={setChosen} forgotPassword={forgotPassword} passkeys={passkeys} lead={lead} m={m} c={c} rootProps={rootProps} footer={switcher} screenError={screenError} />;
}

/**
 * "Sign in with a passkey" (when the tenant offers passkeys and the browser has them) and "Continue
 * with {provider}" for each provider the tenant offers, then "or" when a form follows.
 */
function ProviderButtons({ providers, passkeys, m, c, separator }: { providers: { id: string; name?: string }[]; passkeys: boolean; m: Messages; c: ScreenComponents; separator: boolean }) {
  const { state, start } = useThirdPartySignIn();
  const passkey = usePasskeyFlow();
  const failed = thirdPartyStartText(m, state.issue);
  const passkeyFailed = passkeyIssueText(m, passkey.state.issue);
  return (
    <div data-fk="providers">
      {failed !== undefined && <c.Alert tone="error">{failed}</c.Alert>}
      {passkeyFailed !== undefined && <c.Alert tone="error">{passkeyFailed}</c.Alert>}
      {passkeys && (
        <c.Button variant="secondary" data-fk-provider="passkey" submitting={passkey.state.busy === 'signIn' || passkey.state.done} onClick={() => void passkey.signIn()}>
          <c.FactorIcon factorId="webauthn" />
          {m.format('passkey.signIn')}
        </c.Button>
      )}
      {providers.length > 0 && (
        <ul data-fk="provider-list" aria-label={m.format('signIn.providersLabel')}>
          {providers.map((p) => (
            <li key={p.id}>
              <c.Button variant="secondary" data-fk-provider={p.id} submitting={state.leavingFor === p.id} onClick={() => void start(p.id)}>
                <c.ProviderIcon providerId={p.id} name={p.name ?? p.id} />
                {m.format('signIn.withProvider', { provider: p.name ?? p.id })}
              </c.Button>
            </li>
          ))}
        </ul>
      )}
      {separator && (
        <p data-fk="separator" role="presentation">
          <span>{m.format('signIn.or')}</span>
        </p>
      )}
    </div>
  );
}

function PasswordForm({ mode, onModeChange, forgotPassword, passkeys, lead, m, c, rootProps, footer, screenError }: FormProps & { mode: 'signIn' | 'signUp'; onModeChange: (mode: SignInMode) => void; forgotPassword: boolean; passkeys: boolean }) {
  const { state, view, submit, setMode } = useSignInFlow({ mode });
  const passkey = usePasskeyFlow();
  // Passkeys in the email field's autofill, where the browser offers that: a ceremony of its own that
  // waits quietly; the button (another ceremony) cancels it.
  const autofill = usePasskeyFlow();
  const autofillFlow = autofill.flow;
  useEffect(() => {
    if (mode !== 'signIn' || !passkeys) return;
    let live = true;
    void passkeyAutofillSupported().then((yes) => {
      if (yes && live) void autofillFlow.signIn({ autofill: true });
    });
    return () => {
      live = false;
    };
  }, [mode, passkeys, autofillFlow]);
  const autofillIssue = autofill.state.issue?.kind === 'wrong' ? passkeyIssueText(m, autofill.state.issue) : undefined;
  const formRef = useRef<HTMLFormElement | null>(null);
  const passkeyError = mode === 'signUp' ? passkeyIssueText(m, passkey.state.issue) : undefined;
  const links = useAuthLinks();
  // Switching to sign-up or back, or to "Forgot your password?", keeps the address typed.
  const typed = useTypedEmail();
  const id = useId();
  const ids = { email: `${id}-email`, password: `${id}-password` };
  const labels = { email: m.format('field.email.label'), password: m.format('field.password.label') };

  const fieldErrors = view.invalidFields.map((field) => ({ fieldId: ids[field], field: labels[field], message: fieldProblemText(m, state.fieldErrors[field])! }));
  // The summary names the field of each error; under the field, the error alone.
  const summary = fieldErrors.map((e) => ({ fieldId: e.fieldId, message: m.format('errorSummary.item', { field: e.field, error: e.message }) }));
  const error = issueText(m, state.issue) ?? passkeyError ?? autofillIssue ?? screenError;
  // A refused sign-in (wrong password, a pause) moves focus to the message, which is read out, and
  // the next Tab goes back into the form.
  const alertRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (state.issue !== undefined || passkeyError !== undefined) alertRef.current?.focus();
  }, [state.issue, passkeyError]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
  };
  const switchTo = (to: 'signIn' | 'signUp') => {
    setMode(to);
    onModeChange(to);
  };

  return (
    <c.ScreenLayout
      data-state={view.busy ? 'submitting' : error || fieldErrors.length > 0 ? 'error' : 'idle'}
      {...rootProps}
      heading={m.format(mode === 'signIn' ? 'signIn.title' : 'signUp.title')}
      subtitle={m.format(mode === 'signIn' ? 'signIn.subtitle' : 'signUp.subtitle')}
      footer={
        <>
          <p data-fk="switch-mode">
            {m.format(mode === 'signIn' ? 'signIn.noAccount' : 'signUp.haveAccount')}{' '}
            <c.Button variant="link" onClick={() => switchTo(mode === 'signIn' ? 'signUp' : 'signIn')}>
              {m.format(mode === 'signIn' ? 'signIn.toSignUp' : 'signUp.toSignIn')}
            </c.Button>
          </p>
          {footer}
        </>
      }
    >
      {lead}
      {fieldErrors.length > 1 && <c.ErrorSummary title={m.format('errorSummary.title', { count: fieldErrors.length })} errors={summary} />}
      {error !== undefined && (
        <c.Alert tone="error" ref={alertRef}>
          {error}
          <RetryCountdown m={m} c={c} retryAt={view.retryAt} />
        </c.Alert>
      )}
      <form data-fk="form" noValidate onSubmit={onSubmit} ref={formRef}>
        {/* The form is keyed by mode: on arrival and after switching between sign-in and sign-up, typing starts in the first field. */}
        <c.TextField autoFocus id={ids.email} name="email" type="email" autoComplete={mode === 'signIn' ? (passkeys ? 'username webauthn' : 'username') : 'email'} label={labels.email} error={fieldProblemText(m, state.fieldErrors.email)} defaultValue={typed.initial} onValueChange={typed.remember} />
        <c.PasswordField
          id={ids.password}
          name="password"
          autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
          label={labels.password}
          description={mode === 'signUp' ? m.format('field.password.description') : undefined}
          error={fieldProblemText(m, state.fieldErrors.password)}
          {...passwordToggleLabels(m)}
        />
        {mode === 'signIn' && forgotPassword && (
          <AuthLink href={links.resetPassword} go={links.go}>
            {m.format('signIn.forgotPassword')}
          </AuthLink>
        )}
        {mode === 'signIn' && passkeys && (
          <AuthLink href={links.passkeyRecovery} go={links.go}>
            {m.format('passkeyRecovery.lost')}
          </AuthLink>
        )}
        <c.Button type="submit" submitting={view.busy}>
          {m.format(mode === 'signIn' ? 'signIn.submit' : 'signUp.submit')}
        </c.Button>
        {mode === 'signUp' && passkeys && (
          // The address typed above, and a passkey instead of the password.
          <c.Button variant="secondary" submitting={passkey.state.busy === 'signUp' || passkey.state.done} onClick={() => void passkey.signUp(String(new FormData(formRef.current ?? undefined).get('email') ?? ''))}>
            {m.format('passkey.signUp')}
          </c.Button>
        )}
      </form>
    </c.ScreenLayout>
  );
}
