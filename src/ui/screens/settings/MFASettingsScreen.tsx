import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { authPaths, MultiFactorAuthClaim, STEP_UP_CLAIM_ID, type MFASettings, type MFASettingsFactor } from '../../../core/index.ts';
import { useAuthContext } from '../../../react/AuthContext.ts';
import { redirectTo } from '../../../react/redirect.ts';
import { useNavigation } from '../../../react/useNavigation.ts';
import { useMFASettings, useRemoveTotpDevice, useRequiredFactorChange, useSession } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import { LiveRegion } from '../../parts/LiveRegion.tsx';
import type { ScreenComponents } from '../components.ts';
import { useScreenKit, type BaseScreenProps } from '../screenSupport.ts';
import { errorText } from './errorText.ts';
import { OtpCodeFlow, PasswordVerifyForm, TotpCodeForm } from './FactorVerify.tsx';
import { InlinePanel } from './InlinePanel.tsx';
import { savePendingChange, takePendingChange, type SettingsChange } from './pendingChange.ts';
import { SettingsSwitch } from './SettingsSwitch.tsx';
import { TotpSetupForm } from './TotpSetupForm.tsx';

/** Props of {@link MFASettingsScreen}. Other props go to the outer `data-fk="screen"` element. */
export interface MFASettingsScreenProps extends BaseScreenProps {
  /**
   * Level of the screen's heading: 1 as a page of its own (the kit's `/auth/settings` route), 2 or
   * 3 inside an app's settings page. Sections and panels use the levels below it. @default 1
   */
  headingLevel?: 1 | 2;
  /**
   * How the user re-verifies before a sensitive change: `inline` (a code field in place, with a
   * link to the factor's own page as well) or `redirect` (straight to the factor's page with
   * `stepUp=true`, then back here, where the change is retried). @default 'inline'
   */
  stepUp?: 'inline' | 'redirect';
}

type Panel =
  | { kind: 'stepUp'; change: SettingsChange; factors: string[]; anchor: string }
  | { kind: 'setup'; factorId: string; thenRequire?: boolean; anchor: string }
  | { kind: 'confirmRemove'; deviceName: string; anchor: string }
  | { kind: 'finish'; factorId: string; anchor: string };

const KNOWN_FACTORS = ['otp-email', 'otp-phone', 'totp', 'emailpassword'] as const;
const EMAIL_FACTORS = ['otp-email', 'link-email'];
const PHONE_FACTORS = ['otp-phone', 'link-phone'];
const DEVICES_ANCHOR = 'devices';

function changeKey(change: SettingsChange): string {
  return change.kind === 'require' ? `factor:${change.factorId}` : change.kind === 'setup' ? `setup:${change.factorId}` : `device:${change.deviceName}`;
}

/** Where a change's panel and messages show: under its factor, or in the devices section. */
function anchorOf(change: SettingsChange): string {
  if (change.kind === 'removeDevice') return DEVICES_ANCHOR;
  if (change.kind === 'setup' && change.factorId === 'totp' && !change.thenRequire) return DEVICES_ANCHOR;
  return change.factorId;
}

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
export function MFASettingsScreen({ headingLevel = 1, stepUp: stepUpMode = 'inline', components, ...props }: MFASettingsScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const ctx = useAuthContext('MFASettingsScreen');
  const nav = useNavigation();
  const session = useSession();
  const query = useMFASettings();
  const requiredChange = useRequiredFactorChange();
  const removeDevice = useRemoveTotpDevice();
  const [panel, setPanel] = useState<Panel | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<{ anchor: string; text: string } | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const devicesHeadingRef = useRef<HTMLHeadingElement>(null);
  const sectionLevel = (headingLevel + 1) as 2 | 3;
  const devicesPanelLevel = (headingLevel + 2) as 3 | 4;

  const data: MFASettings | undefined = query.data?.status === 'OK' ? query.data : undefined;
  const latest = useRef(data);
  latest.current = data;

  const factorName = useCallback(
    (id: string): string => {
      if ((KNOWN_FACTORS as readonly string[]).includes(id)) return m.format(`factor.${id as (typeof KNOWN_FACTORS)[number]}.name`);
      return ctx.factors.find((f) => f.id === id)?.label ?? m.format('factor.custom.name');
    },
    [m, ctx.factors],
  );
  const contactOf = useCallback((s: MFASettings, id: string): string | undefined => (EMAIL_FACTORS.includes(id) ? s.emails[id]?.[0] : PHONE_FACTORS.includes(id) ? s.phoneNumbers[id]?.[0] : undefined), []);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(m.locale, { dateStyle: 'medium' }), [m.locale]);

  /** Factors the user can re-verify with on this page (a device, a contact to send a code to, the password). */
  const verifiable = useCallback(
    (s: MFASettings, ids: string[]) =>
      ids.filter((id) => (id === 'totp' ? s.totpDevices.some((d) => d.verified) : id === 'emailpassword' ? s.emails.emailpassword?.[0] !== undefined : contactOf(s, id) !== undefined)),
    [contactOf],
  );

  const stepUpSatisfied = (s: MFASettings) => s.stepUp.satisfiedUntil !== null && s.stepUp.satisfiedUntil > ctx.client.now();

  /** Re-verify on the factor's own page (or the chooser), then come back here to retry. */
  const verifyElsewhere = (change: SettingsChange, factors: string[]) => {
    if (session.userId) savePendingChange(ctx.client, session.userId, change);
    const redirectToPath = nav.path;
    const screens = ctx.factors.filter((f) => factors.includes(f.id));
    if (screens.length === 1) {
      const to = `${ctx.basePath}${screens[0]!.path}?${new URLSearchParams({ stepUp: 'true', redirectToPath })}`;
      redirectTo(ctx, nav, { type: 'FACTOR', factorId: screens[0]!.id, stepUp: true, to, redirectToPath });
    } else {
      const to = `${authPaths(ctx.basePath).chooser}?${new URLSearchParams({ n: screens.map((f) => f.id).join(','), stepUp: 'true', redirectToPath })}`;
      redirectTo(ctx, nav, { type: 'CHOOSER', factorIds: screens.map((f) => f.id), stepUp: true, to, redirectToPath });
    }
  };

  /** A factor this page cannot set up (an app's own): its screen with `setup=true`, then back here. */
  const setUpElsewhere = (factorId: string, change: SettingsChange) => {
    const factorScreen = ctx.factors.find((f) => f.id === factorId);
    if (!factorScreen) {
      setFailure({ anchor: factorId, text: m.format('error.genericRetry') });
      return;
    }
    if (session.userId) savePendingChange(ctx.client, session.userId, change);
    const redirectToPath = nav.path;
    const to = `${ctx.basePath}${factorScreen.path}?${new URLSearchParams({ setup: 'true', stepUp: 'true', redirectToPath })}`;
    redirectTo(ctx, nav, { type: 'FACTOR', factorId, stepUp: true, to, redirectToPath });
  };

  /**
   * Sets a factor up (before turning it on, with `thenRequire`): in place for the built-in ones, else
   * on its own screen. A new authenticator or contact is a new way in: step-up first (see `perform`).
   */
  const startSetup = (factorId: string, then?: SettingsChange) => {
    if (factorId === 'totp' || EMAIL_FACTORS.includes(factorId) || PHONE_FACTORS.includes(factorId)) void perform({ kind: 'setup', factorId, ...(then && { thenRequire: true }) });
    else setUpElsewhere(factorId, then ?? { kind: 'require', factorId, required: true });
  };

  const askStepUp = (change: SettingsChange, factors: string[], anchor: string) => {
    if (stepUpMode === 'redirect' && factors.length > 0) verifyElsewhere(change, factors);
    else setPanel({ kind: 'stepUp', change, factors, anchor });
  };

  const perform = async (change: SettingsChange, options: { afterStepUp?: boolean } = {}) => {
    const s = latest.current;
    if (!s) return;
    const anchor = anchorOf(change);
    setFailure(undefined);
    // Known to need a recent factor: ask first rather than send a request bound to be refused. Every
    // change that adds or removes a way in does: a new authenticator or contact, removing a device,
    // turning a factor off.
    if (!options.afterStepUp && !stepUpSatisfied(s)) {
      const removingRequired = change.kind === 'require' && !change.required && s.requiredSecondaryFactorsForUser.includes(change.factorId);
      const removingDevice = change.kind === 'removeDevice' && s.totpDevices.some((d) => d.verified && d.name === change.deviceName);
      if (removingRequired || removingDevice || change.kind === 'setup') {
        askStepUp(change, s.stepUp.factors, anchor);
        return;
      }
    }
    if (change.kind === 'setup') {
      setPanel({ kind: 'setup', factorId: change.factorId, ...(change.thenRequire && { thenRequire: true }), anchor });
      return;
    }
    setBusy(changeKey(change));
    try {
      const result =
        change.kind === 'require'
          ? await requiredChange.mutateAsync({ factorId: change.factorId, required: change.required })
          : await removeDevice.mutateAsync({ deviceName: change.deviceName });
      if (result.status === 'INVALID_CLAIM') {
        const refusal = result.claimValidationErrors.find((e) => e.id === STEP_UP_CLAIM_ID);
        if (refusal) {
          const reason = refusal.reason as { factors?: unknown } | undefined;
          const factors = Array.isArray(reason?.factors) ? reason.factors.filter((f): f is string => typeof f === 'string') : s.stepUp.factors;
          askStepUp(change, factors, anchor);
          return;
        }
        setFailure({ anchor, text: errorText(m, result) });
        return;
      }
      if (result.status === 'FACTOR_SETUP_REQUIRED') {
        startSetup(result.factorId, change);
        return;
      }
      if (result.status !== 'OK') {
        setFailure({ anchor, text: errorText(m, result) });
        return;
      }
      setPanel(undefined);
      if (change.kind === 'removeDevice') {
        setAnnouncement(m.format('settings.devices.removed', { name: change.deviceName }));
        return;
      }
      const snapshot = ctx.client.session.getSnapshot();
      const mfa = snapshot.status === 'signedIn' ? MultiFactorAuthClaim.getValueFromPayload(snapshot.payload) : undefined;
      if (change.required && mfa && !mfa.v) {
        // The new rule applies to this session at once: the factor must be proven now.
        setPanel({ kind: 'finish', factorId: change.factorId, anchor });
        setAnnouncement(m.format('settings.verifyToFinish', { factor: factorName(change.factorId) }));
        return;
      }
      setAnnouncement(m.format(change.required ? 'settings.turnedOn' : 'settings.turnedOff', { factor: factorName(change.factorId) }));
    } catch (error) {
      setFailure({ anchor, text: errorText(m, error) });
    } finally {
      setBusy(undefined);
    }
  };

  const toggle = (factor: MFASettingsFactor, on: boolean) => {
    setPanel(undefined);
    const change: SettingsChange = { kind: 'require', factorId: factor.id, required: on };
    if (!on || factor.canBeRequired) void perform(change);
    else startSetup(factor.id, change);
  };

  /** A form in a set-up panel was refused for want of a recent factor (the window closed meanwhile). */
  const stepUpFromSetup = (factorId: string, thenRequire: boolean | undefined, factors: string[]) => {
    const change: SettingsChange = { kind: 'setup', factorId, ...(thenRequire && { thenRequire: true }) };
    askStepUp(change, factors.length > 0 ? factors : (latest.current?.stepUp.factors ?? []), anchorOf(change));
  };

  // Back from re-verifying on a factor page: retry the change the user asked for.
  const resumed = useRef(false);
  useEffect(() => {
    if (!data || !session.userId || resumed.current) return;
    resumed.current = true;
    const pending = takePendingChange(ctx.client, session.userId);
    // The user has just re-verified, and the cached settings may predate it: let the backend judge.
    if (pending) void perform(pending, { afterStepUp: true });
    // perform reads the latest data through a ref; this runs once, when the settings first load.
  }, [data, session.userId]);

  const closePanel = () => setPanel(undefined);
  const retryAfterStepUp = (change: SettingsChange) => {
    setAnnouncement(m.format('settings.stepUp.done'));
    void perform(change, { afterStepUp: true });
  };

  const renderVerify = (factorId: string, s: MFASettings, onVerified: () => void, submitLabel?: string) =>
    factorId === 'totp' ? (
      <TotpCodeForm key={factorId} messages={m} c={c} onVerified={onVerified} submitLabel={submitLabel} />
    ) : factorId === 'emailpassword' ? (
      <PasswordVerifyForm key={factorId} messages={m} c={c} email={s.emails.emailpassword?.[0] ?? ''} onVerified={onVerified} submitLabel={submitLabel} />
    ) : (
      <OtpCodeFlow key={factorId} messages={m} c={c} factorId={factorId} contact={contactOf(s, factorId)} onVerified={onVerified} submitLabel={submitLabel} />
    );

  const renderPanel = (anchor: string, s: MFASettings): ReactNode => {
    if (!panel || panel.anchor !== anchor) return null;
    // A factor row sits right under the screen heading; the devices have a section heading of their own.
    const panelLevel = anchor === DEVICES_ANCHOR ? devicesPanelLevel : sectionLevel;
    switch (panel.kind) {
      case 'stepUp':
        return <StepUpPanel key={changeKey(panel.change)} messages={m} c={c} level={panelLevel} panel={panel} options={verifiable(s, panel.factors)} factorName={factorName} onCancel={closePanel} onElsewhere={() => verifyElsewhere(panel.change, panel.factors)} canGoElsewhere={ctx.factors.some((f) => panel.factors.includes(f.id))} renderVerify={(id, done) => renderVerify(id, s, done, m.format('settings.stepUp.action'))} onVerified={() => retryAfterStepUp(panel.change)} />;
      case 'setup': {
        const { factorId, thenRequire } = panel;
        const finish = (announce: string) => {
          setAnnouncement(announce);
          setPanel(undefined);
          if (thenRequire) void perform({ kind: 'require', factorId, required: true }, { afterStepUp: false });
        };
        const onStepUpRequired = (factors: string[]) => stepUpFromSetup(factorId, thenRequire, factors);
        const heading =
          factorId === 'totp'
            ? m.format('totp.setup.title')
            : EMAIL_FACTORS.includes(factorId)
              ? m.format(contactOf(s, factorId) ? 'settings.changeEmail' : 'settings.addEmail')
              : m.format(contactOf(s, factorId) ? 'settings.changePhone' : 'settings.addPhone');
        return (
          <InlinePanel heading={heading} headingLevel={panelLevel} onDismiss={closePanel} fallbackFocus={() => devicesHeadingRef.current}>
            {factorId === 'totp' ? (
              <TotpSetupForm messages={m} c={c} onDone={(name) => finish(m.format('settings.devices.added', { name }))} onStepUpRequired={onStepUpRequired} />
            ) : (
              <>
                <p>{m.format(PHONE_FACTORS.includes(factorId) ? 'otp.phone.askSubtitle' : 'otp.email.askSubtitle')}</p>
                <OtpCodeFlow messages={m} c={c} factorId={factorId} onVerified={(contact) => finish(m.format('settings.contactAdded', { contact }))} onStepUpRequired={onStepUpRequired} />
              </>
            )}
            <c.Button variant="secondary" onClick={closePanel}>
              {m.format('common.cancel')}
            </c.Button>
          </InlinePanel>
        );
      }
      case 'confirmRemove': {
        const change: SettingsChange = { kind: 'removeDevice', deviceName: panel.deviceName };
        return (
          <InlinePanel heading={m.format('settings.devices.removeNamed', { name: panel.deviceName })} headingLevel={panelLevel} onDismiss={closePanel} fallbackFocus={() => devicesHeadingRef.current}>
            <p>{m.format('settings.devices.removeConfirm', { name: panel.deviceName })}</p>
            <div data-fk="actions">
              <c.Button submitting={busy === changeKey(change)} onClick={() => void perform(change)}>
                {m.format('settings.devices.removeNamed', { name: panel.deviceName })}
              </c.Button>
              <c.Button variant="secondary" onClick={closePanel}>
                {m.format('common.cancel')}
              </c.Button>
            </div>
          </InlinePanel>
        );
      }
      case 'finish':
        return (
          <InlinePanel heading={m.format('settings.verifyToFinish', { factor: factorName(panel.factorId) })} headingLevel={panelLevel}>
            {renderVerify(panel.factorId, s, () => {
              setPanel(undefined);
              setAnnouncement(m.format('settings.turnedOn', { factor: factorName(panel.factorId) }));
            })}
          </InlinePanel>
        );
    }
  };

  const renderFailure = (anchor: string) => (failure && failure.anchor === anchor ? <c.Alert>{failure.text}</c.Alert> : null);

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
    body =
      factors.length === 0 ? (
        <p>{m.format('settings.empty')}</p>
      ) : (
        <>
          <ul data-fk="settings-factors" aria-label={m.format('settings.listLabel')}>
            {factors.map((factor) => (
              <FactorRow
                key={factor.id}
                factor={factor}
                messages={m}
                c={c}
                name={factorName(factor.id)}
                contact={contactOf(data, factor.id)}
                busy={busy === `factor:${factor.id}`}
                onToggle={(on) => toggle(factor, on)}
                onChangeContact={EMAIL_FACTORS.includes(factor.id) || PHONE_FACTORS.includes(factor.id) ? () => startSetup(factor.id) : undefined}
              >
                {renderFailure(factor.id)}
                {renderPanel(factor.id, data)}
              </FactorRow>
            ))}
          </ul>
          {registered.has('totp') && data.factors.some((f) => f.id === 'totp') && (
            <section data-fk="settings-devices" aria-labelledby={`${props.id ?? 'fk-settings'}-devices`}>
              <DevicesHeading level={sectionLevel} id={`${props.id ?? 'fk-settings'}-devices`} headingRef={devicesHeadingRef}>
                {m.format('settings.devices.title')}
              </DevicesHeading>
              {data.totpDevices.length === 0 ? (
                <p>{m.format('settings.devices.empty')}</p>
              ) : (
                <ul data-fk="settings-device-list">
                  {data.totpDevices.map((device) => (
                    <li key={device.name} data-fk="settings-device" data-verified={device.verified ? '' : undefined}>
                      <div data-fk="settings-device-text">
                        <span data-fk="settings-device-name">{device.name}</span>
                        <span data-fk="settings-device-meta">
                          {device.verified ? m.format('settings.devices.addedOn', { date: dateFormat.format(device.createdAt) }) : m.format('settings.devices.unverified')}
                        </span>
                      </div>
                      <c.Button
                        variant="secondary"
                        aria-label={m.format('settings.devices.removeNamed', { name: device.name })}
                        submitting={busy === `device:${device.name}`}
                        onClick={() => setPanel({ kind: 'confirmRemove', deviceName: device.name, anchor: DEVICES_ANCHOR })}
                      >
                        {m.format('settings.devices.remove')}
                      </c.Button>
                    </li>
                  ))}
                </ul>
              )}
              {renderFailure(DEVICES_ANCHOR)}
              {renderPanel(DEVICES_ANCHOR, data)}
              <c.Button variant="secondary" onClick={() => startSetup('totp')}>
                {m.format('settings.devices.add')}
              </c.Button>
            </section>
          )}
        </>
      );
  }

  return (
    <c.ScreenLayout heading={m.format('settings.title')} subtitle={m.format('settings.subtitle')} headingLevel={headingLevel} data-fk-screen="mfa-settings" {...root} {...props}>
      <LiveRegion>{announcement}</LiveRegion>
      {body}
    </c.ScreenLayout>
  );
}

function DevicesHeading({ level, id, headingRef, children }: { level: 2 | 3; id: string; headingRef: Ref<HTMLHeadingElement>; children: ReactNode }) {
  const Heading = `h${level}` as const;
  return (
    <Heading data-fk="section-heading" id={id} ref={headingRef} tabIndex={-1}>
      {children}
    </Heading>
  );
}

interface FactorRowProps {
  factor: MFASettingsFactor;
  messages: Messages;
  c: ScreenComponents;
  name: string;
  contact: string | undefined;
  busy: boolean;
  onToggle: (on: boolean) => void;
  onChangeContact?: () => void;
  children?: ReactNode;
}

function FactorRow({ factor, messages: m, c, name, contact, busy, onToggle, onChangeContact, children }: FactorRowProps) {
  const nameId = useId();
  const statusId = useId();
  const locked = factor.requiredForTenant;
  const on = factor.requiredForUser || factor.requiredForTenant;
  return (
    <li data-fk="settings-factor" data-factor={factor.id} data-state={on ? 'on' : 'off'}>
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
              m.format(on ? 'settings.status.on' : 'settings.status.off'),
              contact !== undefined ? m.format('settings.contact', { contact }) : undefined,
              locked ? m.format('settings.required') : undefined,
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
          aria-describedby={statusId}
          disabled={locked}
          submitting={busy}
          onCheckedChange={onToggle}
        />
      </div>
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
  panel: Extract<Panel, { kind: 'stepUp' }>;
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
