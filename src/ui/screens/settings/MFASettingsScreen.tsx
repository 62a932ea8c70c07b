import { useCallback, useId, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { SETTINGS_DEVICES_ANCHOR, SETTINGS_RECOVERY_ANCHOR, settingsChangeKey, settingsContactOf, verifiableInPlace, type MFASettings, type MFASettingsFactor, type SettingsChange, type SettingsNotice } from '../../../core/index.ts';
import { useAuthContext } from '../../../react/AuthContext.ts';
import { useSettingsFlow } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import { LiveRegion } from '../../parts/LiveRegion.tsx';
import type { ScreenComponents } from '../components.ts';
import { useScreenKit, type BaseScreenProps } from '../screenSupport.ts';
import { errorText } from './errorText.ts';
import { OtpCodeFlow, PasskeyVerify, PasswordVerifyForm, TotpCodeForm } from './FactorVerify.tsx';
import { InlinePanel } from './InlinePanel.tsx';
import { ListRow } from './ListSection.tsx';
import { SettingsSwitch } from './SettingsSwitch.tsx';
import { TotpSetupForm } from './TotpSetupForm.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TrustedDevicesSection } from './TrustedDevicesSection.tsx';
import { PasskeysSection } from './PasskeysSection.tsx';
import { ConnectedAccountsSection } from './ConnectedAccountsSection.tsx';
import { RecoveryCodesSave } from '../RecoveryCodesSave.tsx';
import { StepUpDialog } from '../StepUpDialog.tsx';

/** Props of {@link MFASettingsScreen}. Other props go to the outer `data-fk="screen"` element. */
export interface MFASettingsScreenProps extends BaseScreenProps {
  /**
   * Level of the screen's heading: 1 as a page of its own (the kit's `/auth/settings` route), 2 or
   * 3 inside an app's settings page. Sections and panels use the levels below it. @default 1
   */
  headingLevel?: 1 | 2;
  /**
   * How the user re-verifies before a sensitive change: `inline` (a code field in place, with a
   * link to the factor's own page as well), `dialog` (the same in a modal dialog over the page) or
   * `redirect` (straight to the factor's page with `stepUp=true`, then back here, where the change
   * is retried). @default 'inline'
   */
  stepUp?: 'inline' | 'dialog' | 'redirect';
  /** Show "Where you're signed in" (the user's sessions, with sign-out for each; factorkit's backend). @default true */
  showSessions?: boolean;
}

const KNOWN_FACTORS = ['otp-email', 'otp-phone', 'totp', 'emailpassword', 'webauthn'] as const;
const EMAIL_FACTORS = ['otp-email', 'link-email'];
const PHONE_FACTORS = ['otp-phone', 'link-phone'];

/**
 * The signed-in user's MFA settings (seed S5): each factor the app enables with whether it is set
 * up and asked at sign-in, a switch to turn it on (setting it up first when needed) or off, the
 * authenticator apps with their dates, and step-up before the changes that weaken the account's
 * protection. A refusal by the backend (`403 fk-step-up`) opens the same re-verification, and the
 * change is retried once the user has verified.
 *
 * Use it as the `Settings` screen of `createAuthRoutes`, or mount it in the app's own settings page
 * (inside `<AuthProvider>` and a router, behind a `<SessionAuth>`).
 */
export function MFASettingsScreen({ headingLevel = 1, stepUp: stepUpMode = 'inline', showSessions = true, components, ...props }: MFASettingsScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const ctx = useAuthContext('MFASettingsScreen');
  const settingsFlow = useSettingsFlow({ stepUp: stepUpMode });
  const { state, settings: query, data } = settingsFlow;
  const { panel, busy, failure } = state;
  const devicesHeadingRef = useRef<HTMLHeadingElement>(null);
  const passwordHeadingRef = useRef<HTMLHeadingElement>(null);
  const recoveryHeadingRef = useRef<HTMLHeadingElement>(null);
  const sectionLevel = (headingLevel + 1) as 2 | 3;
  const devicesPanelLevel = (headingLevel + 2) as 3 | 4;

  const factorName = useCallback(
    (id: string): string => {
      if ((KNOWN_FACTORS as readonly string[]).includes(id)) return m.format(`factor.${id as (typeof KNOWN_FACTORS)[number]}.name`);
      return ctx.factors.find((f) => f.id === id)?.label ?? m.format('factor.custom.name');
    },
    [m, ctx.factors],
  );
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(m.locale, { dateStyle: 'medium' }), [m.locale]);
  const announcement = noticeText(m, state.notice, factorName);

  const renderVerify = (factorId: string, s: MFASettings, onVerified: () => void, submitLabel?: string) =>
    factorId === 'totp' ? (
      <TotpCodeForm key={factorId} messages={m} c={c} onVerified={onVerified} submitLabel={submitLabel} />
    ) : factorId === 'webauthn' ? (
      <PasskeyVerify key={factorId} m={m} c={c} onVerified={onVerified} />
    ) : factorId === 'emailpassword' ? (
      <PasswordVerifyForm key={factorId} messages={m} c={c} email={s.emails.emailpassword?.[0] ?? ''} onVerified={onVerified} submitLabel={submitLabel} />
    ) : (
      <OtpCodeFlow key={factorId} messages={m} c={c} factorId={factorId} contact={settingsContactOf(s, factorId)} onVerified={onVerified} submitLabel={submitLabel} />
    );

  const renderPanel = (anchor: string, s: MFASettings): ReactNode => {
    if (!panel || panel.anchor !== anchor) return null;
    // A factor row sits right under the screen heading; the devices have a section heading of their own.
    const panelLevel = anchor === SETTINGS_DEVICES_ANCHOR || anchor === SETTINGS_RECOVERY_ANCHOR ? devicesPanelLevel : sectionLevel;
    switch (panel.kind) {
      case 'stepUp':
        if (stepUpMode === 'dialog')
          return <StepUpDialog key={settingsChangeKey(panel.change)} factorIds={panel.factors} components={components} onCancel={settingsFlow.close} onVerified={() => void settingsFlow.stepUpDone(panel.change)} />;
        return (
          <StepUpPanel
            key={settingsChangeKey(panel.change)}
            messages={m}
            c={c}
            level={panelLevel}
            options={verifiableInPlace(s, panel.factors)}
            factorName={factorName}
            onCancel={settingsFlow.close}
            onElsewhere={() => settingsFlow.verifyElsewhere(panel.change, panel.factors)}
            canGoElsewhere={ctx.factors.some((f) => panel.factors.includes(f.id))}
            renderVerify={(id, done) => renderVerify(id, s, done, m.format('settings.stepUp.action'))}
            onVerified={() => void settingsFlow.stepUpDone(panel.change)}
          />
        );
      case 'setup': {
        const { factorId } = panel;
        const onStepUpRequired = (factors: string[]) => settingsFlow.setupNeedsStepUp(panel, factors);
        const contact = settingsContactOf(s, factorId);
        const heading =
          factorId === 'totp'
            ? m.format('totp.setup.title')
            : EMAIL_FACTORS.includes(factorId)
              ? m.format(contact ? 'settings.changeEmail' : 'settings.addEmail')
              : m.format(contact ? 'settings.changePhone' : 'settings.addPhone');
        return (
          <InlinePanel heading={heading} headingLevel={panelLevel} onDismiss={settingsFlow.close} fallbackFocus={() => devicesHeadingRef.current}>
            {factorId === 'totp' ? (
              <TotpSetupForm messages={m} c={c} onDone={(deviceName) => void settingsFlow.setupDone(panel, { kind: 'deviceAdded', deviceName })} onStepUpRequired={onStepUpRequired} />
            ) : (
              <>
                <p>{m.format(PHONE_FACTORS.includes(factorId) ? 'otp.phone.askSubtitle' : 'otp.email.askSubtitle')}</p>
                <OtpCodeFlow messages={m} c={c} factorId={factorId} onVerified={(added) => void settingsFlow.setupDone(panel, { kind: 'contactAdded', contact: added })} onStepUpRequired={onStepUpRequired} />
              </>
            )}
            <c.Button variant="secondary" onClick={settingsFlow.close}>
              {m.format('common.cancel')}
            </c.Button>
          </InlinePanel>
        );
      }
      case 'confirmRemove': {
        const change: SettingsChange = { kind: 'removeDevice', deviceName: panel.deviceName };
        return (
          <InlinePanel heading={m.format('settings.devices.removeNamed', { name: panel.deviceName })} headingLevel={panelLevel} onDismiss={settingsFlow.close} fallbackFocus={() => devicesHeadingRef.current}>
            <p>{m.format('settings.devices.removeConfirm', { name: panel.deviceName })}</p>
            <div data-fk="actions">
              <c.Button submitting={busy === settingsChangeKey(change)} onClick={() => void settingsFlow.perform(change)}>
                {m.format('settings.devices.removeNamed', { name: panel.deviceName })}
              </c.Button>
              <c.Button variant="secondary" onClick={settingsFlow.close}>
                {m.format('common.cancel')}
              </c.Button>
            </div>
          </InlinePanel>
        );
      }
      case 'changePassword':
        // Drawn in the password section itself.
        return null;
      case 'recoveryCodes':
        return (
          <InlinePanel heading={m.format('recovery.save.title')} headingLevel={panelLevel} onDismiss={settingsFlow.close} fallbackFocus={() => recoveryHeadingRef.current}>
            <RecoveryCodesSave m={m} c={c} codes={panel.codes} madeAt={s.recoveryCodes?.createdAt ?? ctx.client.now()} onDone={settingsFlow.close} />
          </InlinePanel>
        );
      case 'finish':
        // The change applies to this session at once: the factor is asked here, with the reason.
        return (
          <InlinePanel
            heading={m.format(panel.after ? 'settings.verifyToContinue' : 'settings.verifyToFinish', { factor: factorName(panel.factorId) })}
            headingLevel={panelLevel}
            data-fk-panel="finish"
          >
            {panel.after && <p>{m.format('settings.verifyToContinue.body', { factor: factorName(panel.factorId) })}</p>}
            {renderVerify(panel.factorId, s, () => settingsFlow.finishDone(panel.factorId))}
          </InlinePanel>
        );
    }
  };

  const renderFailure = (anchor: string) => (failure && failure.anchor === anchor ? <c.Alert>{errorText(m, failure.cause)}</c.Alert> : null);

  let body: ReactNode;
  if (query.isPending) {
    body = <c.DelayedFallback label={m.format('common.loading')} />;
  } else if (!data) {
    body = (
      <c.Alert title={m.format('settings.loadError')}>
        <p>{query.error ? errorText(m, query.error) : errorText(m, query.data)}</p>
        <c.Button variant="secondary" submitting={query.isFetching} onClick={() => void query.refetch()}>
          {m.format('common.tryAgain')}
        </c.Button>
      </c.Alert>
    );
  } else {
    const registered = new Set(ctx.factors.map((f) => f.id));
    const factors = data.factors.filter((f) => registered.has(f.id));
    const passwordEmail = data.emails.emailpassword?.[0];
    const factorsPart =
      factors.length === 0 ? (
        <p>{m.format('settings.empty')}</p>
      ) : (
        <>
          <ul data-fk="settings-factors" aria-label={m.format('settings.listLabel')}>
            {factors.map((factor) => (
              <FactorRow
                key={factor.id}
                factor={pendingOn(factor, panel)}
                messages={m}
                dateFormat={dateFormat}
                c={c}
                name={factorName(factor.id)}
                contact={settingsContactOf(data, factor.id)}
                busy={busy === `factor:${factor.id}`}
                onToggle={(on) => void settingsFlow.toggle(factor, on)}
                onChangeContact={EMAIL_FACTORS.includes(factor.id) || PHONE_FACTORS.includes(factor.id) ? () => void settingsFlow.setUp(factor.id) : undefined}
              >
                {renderFailure(factor.id)}
                {renderPanel(factor.id, data)}
              </FactorRow>
            ))}
          </ul>
          {factors.filter((f) => f.askedAtSignIn === 'oneOf').length > 1 && <p data-fk="settings-note">{m.format('settings.oneOfNote')}</p>}
          {registered.has('totp') && data.factors.some((f) => f.id === 'totp') && (
            <section data-fk="settings-devices" aria-labelledby={`${props.id ?? 'fk-settings'}-devices`}>
              <SectionHeading level={sectionLevel} id={`${props.id ?? 'fk-settings'}-devices`} headingRef={devicesHeadingRef}>
                {m.format('settings.devices.title')}
              </SectionHeading>
              {data.totpDevices.length === 0 ? (
                <p>{m.format('settings.devices.empty')}</p>
              ) : (
                <ul data-fk="settings-device-list">
                  {data.totpDevices.map((device) => (
                    <ListRow
                      key={device.name}
                      data-verified={device.verified ? '' : undefined}
                      name={device.name}
                      facts={
                        device.verified
                          ? [m.format('settings.devices.addedOn', { date: dateFormat.format(device.createdAt) }), typeof device.lastUsedAt === 'number' ? m.format('settings.devices.lastUsed', { date: dateFormat.format(device.lastUsedAt) }) : undefined]
                          : [m.format('settings.devices.unverified')]
                      }
                    >
                      <c.Button
                        variant="secondary"
                        aria-label={m.format('settings.devices.removeNamed', { name: device.name })}
                        submitting={busy === `device:${device.name}`}
                        onClick={() => settingsFlow.confirmRemove(device.name)}
                      >
                        {m.format('settings.devices.remove')}
                      </c.Button>
                    </ListRow>
                  ))}
                </ul>
              )}
              {renderFailure(SETTINGS_DEVICES_ANCHOR)}
              {renderPanel(SETTINGS_DEVICES_ANCHOR, data)}
              <c.Button variant="secondary" onClick={() => void settingsFlow.setUp('totp')}>
                {m.format('settings.devices.add')}
              </c.Button>
            </section>
          )}
          {data.recoveryCodes !== undefined && (data.totpDevices.some((d) => d.verified) || factors.some((f) => f.askedAtSignIn !== 'no')) && (
            <section data-fk="settings-recovery" aria-labelledby={`${props.id ?? 'fk-settings'}-recovery`}>
              <SectionHeading level={sectionLevel} id={`${props.id ?? 'fk-settings'}-recovery`} headingRef={recoveryHeadingRef}>
                {m.format('recovery.title')}
              </SectionHeading>
              <p>{m.format('recovery.body')}</p>
              <RecoveryCount m={m} c={c} count={data.recoveryCodes} />
              {renderFailure(SETTINGS_RECOVERY_ANCHOR)}
              {panel?.kind === 'recoveryCodes' || (panel?.kind === 'stepUp' && panel.anchor === SETTINGS_RECOVERY_ANCHOR) ? (
                renderPanel(SETTINGS_RECOVERY_ANCHOR, data)
              ) : (
                <c.Button variant="secondary" submitting={busy === SETTINGS_RECOVERY_ANCHOR} onClick={() => void settingsFlow.newRecoveryCodes()}>
                  {m.format(data.recoveryCodes.total === 0 ? 'recovery.create' : 'recovery.renew')}
                </c.Button>
              )}
            </section>
          )}
        </>
      );
    body = (
      <>
        {factorsPart}
        {passwordEmail !== undefined && (
          <section data-fk="settings-password" aria-labelledby={`${props.id ?? 'fk-settings'}-password`}>
            <SectionHeading level={sectionLevel} id={`${props.id ?? 'fk-settings'}-password`} headingRef={passwordHeadingRef}>
              {m.format('settings.password.title')}
            </SectionHeading>
            <p>{m.format('settings.password.body')}</p>
            {panel?.kind === 'changePassword' ? (
              <InlinePanel heading={m.format('settings.password.change')} headingLevel={devicesPanelLevel} onDismiss={settingsFlow.close} fallbackFocus={() => passwordHeadingRef.current}>
                <ChangePasswordForm
                  messages={m}
                  c={c}
                  email={passwordEmail}
                  recentlyVerified={data.stepUp.satisfiedUntil !== null && data.stepUp.satisfiedUntil > ctx.client.now()}
                  onDone={settingsFlow.passwordChanged}
                  onCancel={settingsFlow.close}
                />
              </InlinePanel>
            ) : (
              <c.Button variant="secondary" onClick={settingsFlow.changePassword}>
                {m.format('settings.password.change')}
              </c.Button>
            )}
          </section>
        )}
        <PasskeysSection messages={m} c={c} headingLevel={sectionLevel} id={`${props.id ?? 'fk-settings'}-passkeys`} email={passwordEmail ?? data.emails['otp-email']?.[0]} />
        <ConnectedAccountsSection messages={m} c={c} headingLevel={sectionLevel} id={`${props.id ?? 'fk-settings'}-connected`} settings={data} />
        {showSessions && <SessionsSection messages={m} c={c} headingLevel={sectionLevel} id={`${props.id ?? 'fk-settings'}-sessions`} />}
        {showSessions && <TrustedDevicesSection messages={m} c={c} headingLevel={sectionLevel} id={`${props.id ?? 'fk-settings'}-trusted`} />}
      </>
    );
  }

  return (
    <c.ScreenLayout heading={m.format('settings.title')} subtitle={m.format('settings.subtitle')} headingLevel={headingLevel} data-fk-screen="mfa-settings" {...root} brand={undefined} {...props}>
      <LiveRegion>{announcement}</LiveRegion>
      {body}
    </c.ScreenLayout>
  );
}

/** The announcement of what just happened. */
function noticeText(m: Messages, notice: SettingsNotice | undefined, factorName: (id: string) => string): string {
  if (notice === undefined) return '';
  switch (notice.kind) {
    case 'turnedOn':
      return m.format('settings.turnedOn', { factor: factorName(notice.factorId) });
    case 'turnedOff':
      return m.format('settings.turnedOff', { factor: factorName(notice.factorId) });
    case 'verifyToFinish':
      return m.format('settings.verifyToFinish', { factor: factorName(notice.factorId) });
    case 'verifyToContinue':
      return m.format('settings.verifyToContinue', { factor: factorName(notice.factorId) });
    case 'deviceRemoved':
      return m.format('settings.devices.removed', { name: notice.deviceName });
    case 'deviceAdded':
      return m.format('settings.devices.added', { name: notice.deviceName });
    case 'contactAdded':
      return m.format('settings.contactAdded', { contact: notice.contact });
    case 'stepUpDone':
      return m.format('settings.stepUp.done');
    case 'passwordChanged':
      return m.format('settings.password.changed');
    case 'recoveryCodesMade':
      return m.format('recovery.made');
  }
}

/** How many recovery codes are left, with a warning at three or fewer. */
function RecoveryCount({ m, c, count }: { m: Messages; c: ScreenComponents; count: { remaining: number; total: number } }) {
  if (count.total === 0) return <p data-fk="settings-recovery-count">{m.format('recovery.none')}</p>;
  if (count.remaining === 0) return <c.Alert tone="warning">{m.format('recovery.noneLeft')}</c.Alert>;
  if (count.remaining <= 3) return <c.Alert tone="warning">{m.format('recovery.low', { count: count.remaining })}</c.Alert>;
  return <p data-fk="settings-recovery-count">{m.format('recovery.remaining', { count: count.remaining, total: count.total })}</p>;
}

function SectionHeading({ level, id, headingRef, children }: { level: 2 | 3; id: string; headingRef: Ref<HTMLHeadingElement>; children: ReactNode }) {
  const Heading = `h${level}` as const;
  return (
    <Heading data-fk="section-heading" id={id} ref={headingRef} tabIndex={-1}>
      {children}
    </Heading>
  );
}

/**
 * A factor being turned on whose code is still to be entered here (a `finish` panel): the backend
 * already asks for it, so its row says so (the settings shown are the last loaded, from before).
 */
function pendingOn(factor: MFASettingsFactor, panel: { kind: string; factorId?: string; after?: unknown } | undefined): MFASettingsFactor {
  if (panel?.kind !== 'finish' || panel.factorId !== factor.id || panel.after !== undefined || factor.requiredForUser) return factor;
  return { ...factor, requiredForUser: true, askedAtSignIn: factor.askedAtSignIn === 'no' || factor.askedAtSignIn === undefined ? 'always' : factor.askedAtSignIn, askedBecause: factor.askedBecause ?? 'user' };
}

interface FactorRowProps {
  factor: MFASettingsFactor;
  messages: Messages;
  /** The screen's date format ("Last used"). */
  dateFormat: Intl.DateTimeFormat;
  c: ScreenComponents;
  name: string;
  contact: string | undefined;
  busy: boolean;
  onToggle: (on: boolean) => void;
  onChangeContact?: () => void;
  children?: ReactNode;
}

function FactorRow({ factor, messages: m, dateFormat, c, name, contact, busy, onToggle, onChangeContact, children }: FactorRowProps) {
  const nameId = useId();
  const statusId = useId();
  const noteId = useId();
  const [explainLock, setExplainLock] = useState(false);
  // What sign-in really asks (the backend evaluates the app's rule); an older answer without it
  // falls back to the stored lists.
  const asked = factor.askedAtSignIn ?? (factor.requiredForUser || factor.requiredForTenant ? 'always' : 'no');
  const because = factor.askedBecause ?? (factor.requiredForTenant ? 'tenant' : factor.requiredForUser ? 'user' : undefined);
  const locked = asked !== 'no' && (because === 'tenant' || because === 'policy');
  const on = asked !== 'no' || factor.requiredForUser;
  return (
    <li data-fk="settings-factor" data-factor={factor.id} data-state={on ? 'on' : 'off'} data-asked={asked}>
      <div data-fk="settings-factor-row">
        <c.FactorIcon factorId={factor.id} />
        <div data-fk="settings-factor-text">
          <span data-fk="settings-factor-name" id={nameId}>
            {name}
          </span>
          <span data-fk="settings-factor-status" id={statusId}>
            {[
              // An email or phone the account already has needs no set-up: a code to it proves it.
              m.format(factor.setUp || factor.canBeRequired ? 'settings.status.setUp' : 'settings.status.notSetUp'),
              m.format(asked === 'always' ? 'settings.status.on' : asked === 'oneOf' ? 'settings.status.oneOf' : 'settings.status.off'),
              contact !== undefined ? m.format('settings.contact', { contact }) : undefined,
              locked ? m.format(because === 'tenant' ? 'settings.required' : 'settings.requiredByPolicy') : undefined,
              typeof factor.lastUsedAt === 'number' ? m.format('settings.devices.lastUsed', { date: dateFormat.format(factor.lastUsedAt) }) : undefined,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </div>
        <SettingsSwitch
          checked={on}
          label={m.format('settings.factorToggle', { factor: name })}
          onText={m.format('settings.factorOn')}
          offText={m.format('settings.factorOff')}
          aria-describedby={explainLock ? `${statusId} ${noteId}` : statusId}
          disabled={locked}
          submitting={busy}
          onClick={() => locked && setExplainLock(true)}
          onCheckedChange={onToggle}
        />
      </div>
      {locked && explainLock && (
        <p data-fk="settings-factor-note" id={noteId} role="status">
          {m.format('settings.lockedNote')}
        </p>
      )}
      {onChangeContact && (
        <c.Button variant="link" onClick={onChangeContact}>
          {m.format(EMAIL_FACTORS.includes(factor.id) ? (contact ? 'settings.changeEmail' : 'settings.addEmail') : contact ? 'settings.changePhone' : 'settings.addPhone')}
        </c.Button>
      )}
      {children}
    </li>
  );
}

interface StepUpPanelProps {
  messages: Messages;
  c: ScreenComponents;
  level: 2 | 3 | 4;
  /** The factors the user can verify with here. */
  options: string[];
  factorName: (id: string) => string;
  canGoElsewhere: boolean;
  onElsewhere: () => void;
  onCancel: () => void;
  onVerified: () => void;
  renderVerify: (factorId: string, onVerified: () => void) => ReactNode;
}

/** "Confirm it's you": pick one of the factors that count, verify it in place, and the change is retried. */
function StepUpPanel({ messages: m, c, level, options, factorName, canGoElsewhere, onElsewhere, onCancel, onVerified, renderVerify }: StepUpPanelProps) {
  const [chosen, setChosen] = useState(options[0]);
  return (
    <InlinePanel heading={m.format('settings.stepUp.title')} headingLevel={level} onDismiss={onCancel} data-fk-panel="step-up">
      <p>{m.format('settings.stepUp.body')}</p>
      {options.length === 0 && !canGoElsewhere && <c.Alert tone="warning">{m.format('settings.stepUp.noFactor')}</c.Alert>}
      {options.length > 1 && (
        <div role="group" aria-label={m.format('settings.stepUp.chooseLabel')} data-fk="actions">
          {options.map((id) => (
            <c.Button key={id} variant="secondary" aria-pressed={id === chosen} onClick={() => setChosen(id)}>
              {m.format('settings.stepUp.useFactor', { factor: factorName(id) })}
            </c.Button>
          ))}
        </div>
      )}
      {chosen !== undefined && renderVerify(chosen, onVerified)}
      <div data-fk="actions">
        {canGoElsewhere && (
          <c.Button variant="link" onClick={onElsewhere}>
            {m.format('settings.stepUp.onPage')}
          </c.Button>
        )}
        <c.Button variant="secondary" onClick={onCancel}>
          {m.format('common.cancel')}
        </c.Button>
      </div>
    </InlinePanel>
  );
}
