import { useMemo, useState } from 'react';
import { isAuthError, type ConnectedAccount } from '../../../core/index.ts';
import { stepUpFactorsOf } from '../../../core/flows/codeOutcome.ts';
import { needsStepUpFirst } from '../../../core/flows/settingsFlow.ts';
import type { MFASettings } from '../../../core/index.ts';
import { useAuthClient, useConnectedAccounts, useDisconnectAccount, useLoginMethods, useThirdPartySignIn } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import type { ScreenComponents } from '../components.ts';
import { ListRow, ListSection } from './ListSection.tsx';
import { answerText, failureText, thirdPartyStartText } from '../screenSupport.ts';
import { useStepUpThenRetry } from './useStepUpThenRetry.tsx';

// Time left at the provider: a step-up that ends sooner is renewed before leaving (the code it sends back is single use).
const STEP_UP_MARGIN_MS = 2 * 60_000;

const REFUSALS = { LAST_SIGN_IN_METHOD: 'connected.lastMethod', SIGNED_IN_WITH_IT: 'connected.signedInWithIt', UNKNOWN_ACCOUNT: 'connected.unknown' } as const;

/**
 * "Connected accounts": the social sign-ins of the account (provider, the address it gave, since
 * when, "you signed in with it here"), "Disconnect" for each, and "Connect {provider}" for each
 * provider the app offers that is not connected yet (a new way in: re-verified first, in a dialog,
 * unless the person verified moments ago; then to the provider and back to this page). The backend's
 * step-up asks re-verify in the dialog; a refusal (the last way in, the one this device signed in
 * with) says what to do instead. Over `useConnectedAccounts`; nothing when the backend has no social sign-in.
 */
export function ConnectedAccountsSection({ messages: m, c, headingLevel, id, settings }: { messages: Messages; c: ScreenComponents; headingLevel: 2 | 3; id: string; settings: MFASettings }) {
  const accounts = useConnectedAccounts();
  const disconnect = useDisconnectAccount();
  const methods = useLoginMethods();
  const client = useAuthClient();
  const provider = useThirdPartySignIn();
  const [announcement, setAnnouncement] = useState('');
  const [refused, setRefused] = useState<string | undefined>(undefined);
  const stepUp = useStepUpThenRetry();
  const date = useMemo(() => new Intl.DateTimeFormat(m.locale, { dateStyle: 'medium' }), [m.locale]);
  if (accounts.isError && isAuthError(accounts.error, 'http') && accounts.error.status === 404) return null;
  const list = accounts.data?.status === 'OK' ? accounts.data.accounts : undefined;
  const label = (a: ConnectedAccount) => (a.email === null ? a.name : `${a.name} · ${a.email}`);
  const offered = methods.data?.status === 'OK' ? methods.data.thirdParty.providers : [];
  const connectable = list === undefined ? [] : offered.filter((p) => !list.some((a) => a.thirdPartyId === p.id));
  const startError = thirdPartyStartText(m, provider.state.issue);

  const connect = (providerId: string) => {
    const leave = () => void provider.start(providerId, { connect: true });
    // A new way in, as setting up a factor: judged as if the time at the provider had passed already.
    if (needsStepUpFirst(settings, { kind: 'setup', factorId: 'thirdparty' }, client.now() + STEP_UP_MARGIN_MS)) stepUp.ask(settings.stepUp.factors, leave);
    else leave();
  };

  const remove = (a: ConnectedAccount) => {
    setRefused(undefined);
    disconnect.mutate(
      { recipeUserId: a.recipeUserId },
      {
        onSuccess: (r) => {
          const factors = stepUpFactorsOf(r as { status: string });
          if (factors) stepUp.ask(factors, () => remove(a));
          else if (r.status === 'OK') setAnnouncement(m.format('connected.disconnected', { name: a.name }));
          else if (r.status in REFUSALS) setRefused(m.format(REFUSALS[r.status as keyof typeof REFUSALS], { name: a.name }));
          else setRefused(answerText(m, r));
        },
      },
    );
  };

  return (
    <ListSection
      m={m}
      c={c}
      fk="settings-connected"
      id={id}
      headingLevel={headingLevel}
      title={m.format('connected.title')}
      body={m.format('connected.body')}
      announcement={announcement}
      query={accounts}
      rows={list === undefined ? undefined : list.map((a) => (
        <ListRow
          key={a.recipeUserId}
          data-connected={a.thirdPartyId}
          name={a.name}
          // An address reads left to right in every language: isolated, so a right-to-left line does not reorder it.
          lead={
            a.email !== null && (
              <>
                <bdi dir="ltr">{a.email}</bdi>
                {' · '}
              </>
            )
          }
          facts={[
            m.format('connected.since', { date: date.format(a.connectedAt) }),
            a.lastUsedAt !== null && m.format('settings.devices.lastUsed', { date: date.format(a.lastUsedAt) }),
            a.current && m.format('connected.thisDevice'),
          ]}
        >
          <c.Button
            variant="secondary"
            aria-label={m.format('connected.disconnectNamed', { account: label(a) })}
            submitting={disconnect.isPending && disconnect.variables?.recipeUserId === a.recipeUserId}
            onClick={() => remove(a)}
          >
            {m.format('connected.disconnect')}
          </c.Button>
        </ListRow>
      ))}
      loadFailed={m.format('connected.loadFailed')}
      empty={m.format('connected.none')}
    >
      {disconnect.isError && <c.Alert tone="error">{failureText(m, disconnect.error)}</c.Alert>}
      {refused !== undefined && <c.Alert tone="error">{refused}</c.Alert>}
      {startError !== undefined && <c.Alert tone="error">{startError}</c.Alert>}
      {connectable.length > 0 && (
        <div data-fk="actions">
          {connectable.map((p) => (
            <c.Button key={p.id} variant="secondary" submitting={provider.state.leavingFor === p.id} onClick={() => connect(p.id)}>
              {m.format('connected.connect', { name: p.name ?? p.id })}
            </c.Button>
          ))}
        </div>
      )}
      {stepUp.dialog}
    </ListSection>
  );
}
