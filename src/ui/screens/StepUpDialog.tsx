import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useAuthContext } from '../../react/AuthContext.ts';
import { useMFAInfo } from '../../react/index.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { OtpCodeFlow, PasskeyVerify, PasswordVerifyForm, TotpCodeForm } from './settings/FactorVerify.tsx';
import { useScreenKit } from './screenSupport.ts';

/** Props of {@link StepUpDialog}. */
export interface StepUpDialogProps {
  /** The factors that would do (a step-up refusal's `factors`, or a guard's `requireFactors`). */
  factorIds: readonly string[];
  /** One of them was verified in this session just now: the action resumes. */
  onVerified: () => void;
  /** Escape, the close button or Cancel. */
  onCancel: () => void;
  /** @default "Confirm it's you" */
  heading?: ReactNode;
  /** @default "To continue, verify again with one of your methods." */
  body?: ReactNode;
  /** Parts to use instead of the kit's. */
  components?: Partial<ScreenComponents>;
}

const KNOWN = ['otp-email', 'otp-phone', 'totp', 'emailpassword', 'webauthn'] as const;

/**
 * "Confirm it's you" as a modal dialog over the page (a native `<dialog>`: focus stays inside, the
 * page behind is inert, Escape cancels): pick one of the factors the user can verify here (never a
 * recovery code), verify it in place, and the caller resumes what it was doing. Used by the
 * settings (`stepUp="dialog"`) and by `<SessionAuth stepUp="dialog">` through `renderStepUpDialog`.
 */
export function StepUpDialog({ factorIds, onVerified, onCancel, heading, body, components }: StepUpDialogProps) {
  const { m, c, root } = useScreenKit(components);
  const { brand: _brand, ...rootAttributes } = root;
  const ctx = useAuthContext('StepUpDialog');
  const info = useMFAInfo();
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Where modal dialogs are missing (old browsers, jsdom) it still shows, without the inert page.
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog.setAttribute('open', '');
    headingRef.current?.focus();
    const onCancelEvent = (event: Event) => {
      // React decides when it closes: Escape asks, the caller unmounts.
      event.preventDefault();
      cancel.current();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
    };
  }, []);

  const data = info.data?.status === 'OK' ? info.data : undefined;
  const contactOf = (id: string) => (id === 'otp-email' ? data?.emails[id]?.[0] : id === 'otp-phone' ? data?.phoneNumbers[id]?.[0] : undefined);
  // What can be verified here: an app set up, a contact to send a code to, the password.
  const options = factorIds.filter((id) =>
    id === 'totp' || id === 'webauthn' ? data?.factors.alreadySetup.includes(id) : id === 'emailpassword' ? data?.emails.emailpassword?.[0] !== undefined : contactOf(id) !== undefined,
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const current = chosen !== undefined && options.includes(chosen) ? chosen : options[0];
  const name = (id: string) => ((KNOWN as readonly string[]).includes(id) ? m.format(`factor.${id as (typeof KNOWN)[number]}.name`) : (ctx.factors.find((f) => f.id === id)?.label ?? m.format('factor.custom.name')));

  return (
    <dialog ref={ref} data-fk="dialog" aria-labelledby={headingId} {...rootAttributes}>
      <div data-fk="card">
        <header data-fk="screen-header">
          <h2 data-fk="heading" id={headingId} ref={headingRef} tabIndex={-1}>
            {heading ?? m.format('settings.stepUp.title')}
          </h2>
          <p data-fk="subtitle">{body ?? m.format('stepUp.body')}</p>
        </header>
        <div data-fk="screen-body">
          {info.isPending ? (
            <c.DelayedFallback label={m.format('common.loading')} />
          ) : options.length === 0 ? (
            <c.Alert tone="warning">{m.format('settings.stepUp.noFactor')}</c.Alert>
          ) : (
            <>
              {options.length > 1 && (
                <div role="group" aria-label={m.format('settings.stepUp.chooseLabel')} data-fk="actions">
                  {options.map((id) => (
                    <c.Button key={id} variant="secondary" aria-pressed={id === current} onClick={() => setChosen(id)}>
                      {m.format('settings.stepUp.useFactor', { factor: name(id) })}
                    </c.Button>
                  ))}
                </div>
              )}
              {current !== undefined && <VerifyOne m={m} c={c} factorId={current} contact={contactOf(current)} email={data?.emails.emailpassword?.[0]} onVerified={onVerified} />}
            </>
          )}
          <c.Button variant="secondary" onClick={onCancel}>
            {m.format('common.cancel')}
          </c.Button>
        </div>
      </div>
    </dialog>
  );
}

function VerifyOne({ m, c, factorId, contact, email, onVerified }: { m: Messages; c: ScreenComponents; factorId: string; contact: string | undefined; email: string | undefined; onVerified: () => void }) {
  const label = m.format('settings.stepUp.action');
  if (factorId === 'totp') return <TotpCodeForm key={factorId} messages={m} c={c} onVerified={onVerified} submitLabel={label} />;
  if (factorId === 'webauthn') return <PasskeyVerify m={m} c={c} onVerified={onVerified} />;
  if (factorId === 'emailpassword') return <PasswordVerifyForm key={factorId} messages={m} c={c} email={email ?? ''} onVerified={onVerified} submitLabel={label} />;
  return <OtpCodeFlow key={factorId} messages={m} c={c} factorId={factorId} contact={contact} onVerified={onVerified} submitLabel={label} />;
}

/** For `<AuthProvider stepUpDialog={renderStepUpDialog}>`: the kit's dialog for `<SessionAuth stepUp="dialog">`. */
export function renderStepUpDialog(props: StepUpDialogProps): ReactNode {
  return <StepUpDialog {...props} />;
}
