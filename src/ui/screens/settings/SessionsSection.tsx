import { useMemo, useState } from 'react';
import type { UserSession } from '../../../core/index.ts';
import { useAuthClient, useRevokeSessions, useSessions } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import type { ScreenComponents } from '../components.ts';
import { ListRow, ListSection } from './ListSection.tsx';
import { failureText } from '../screenSupport.ts';

/**
 * "Where you're signed in": the user's sessions (this device first) with browser, system, address and
 * when each was last active, "Sign out" for each other one and "Sign out everywhere else". Over
 * `useSessions` / `useRevokeSessions` (`GET /fk/sessions`, factorkit's backend).
 */
export function SessionsSection({ messages: m, c, headingLevel, id }: { messages: Messages; c: ScreenComponents; headingLevel: 2 | 3; id: string }) {
  const sessions = useSessions();
  const revoke = useRevokeSessions();
  const [announcement, setAnnouncement] = useState('');
  const client = useAuthClient();
  // "Sign out everywhere" ends this session too: asked once more, in place.
  const [confirming, setConfirming] = useState(false);
  const [everywhere, setEverywhere] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const signOutEverywhere = async () => {
    setEverywhere({ busy: true });
    try {
      // The answer clears this session's tokens: the session store signs out, the guards take over.
      await client.sessions.revokeAll();
    } catch (error) {
      setEverywhere({ busy: false, error });
    }
  };
  const when = useMemo(() => new Intl.DateTimeFormat(m.locale, { dateStyle: 'medium', timeStyle: 'short' }), [m.locale]);
  const list = sessions.data?.status === 'OK' ? sessions.data.sessions : undefined;
  const nameOf = (s: UserSession) => {
    const browser = s.browser ?? m.format('settings.sessions.unknownBrowser');
    return s.os !== undefined ? m.format('settings.sessions.browserOn', { browser, os: s.os }) : browser;
  };
  const others = list?.filter((s) => !s.current).length ?? 0;

  const signOut = (s: UserSession) =>
    revoke.mutate({ sessionHandle: s.sessionHandle }, { onSuccess: (r) => r.status === 'OK' && setAnnouncement(m.format('settings.sessions.signedOut', { name: nameOf(s) })) });
  const signOutOthers = () =>
    revoke.mutate({ others: true }, { onSuccess: (r) => r.status === 'OK' && setAnnouncement(m.format('settings.sessions.othersSignedOut', { count: r.revoked ?? 0 })) });

  return (
    <ListSection
      m={m}
      c={c}
      fk="settings-sessions"
      id={id}
      headingLevel={headingLevel}
      title={m.format('settings.sessions.title')}
      body={m.format('settings.sessions.body')}
      announcement={announcement}
      query={sessions}
      rows={list === undefined ? undefined : list.map((s) => (
        <ListRow
          key={s.sessionHandle}
          data-session={s.current ? 'current' : 'other'}
          name={nameOf(s)}
          facts={[
            s.current ? m.format('settings.sessions.thisDevice') : m.format('settings.sessions.lastActive', { date: when.format(s.lastActiveAt) }),
            s.clientAddress,
            m.format('settings.sessions.signedIn', { date: when.format(s.createdAt) }),
          ]}
        >
          {!s.current && (
            <c.Button
              variant="secondary"
              aria-label={m.format('settings.sessions.signOutNamed', { name: nameOf(s), date: when.format(s.lastActiveAt) })}
              submitting={revoke.isPending && revoke.variables !== undefined && 'sessionHandle' in revoke.variables && revoke.variables.sessionHandle === s.sessionHandle}
              onClick={() => signOut(s)}
            >
              {m.format('settings.sessions.signOut')}
            </c.Button>
          )}
        </ListRow>
      ))}
      loadFailed={m.format('settings.sessions.loadFailed')}
    >
      {revoke.isError && <c.Alert tone="error">{failureText(m, revoke.error)}</c.Alert>}
      {others > 1 && (
        <c.Button variant="secondary" submitting={revoke.isPending && revoke.variables !== undefined && 'others' in revoke.variables} onClick={signOutOthers}>
          {m.format('settings.sessions.signOutOthers')}
        </c.Button>
      )}
      {list !== undefined &&
        (confirming ? (
          <div data-fk="settings-confirm" role="group" aria-label={m.format('settings.sessions.signOutEverywhere')}>
            <p>{m.format('settings.sessions.confirmEverywhere')}</p>
            {everywhere.error !== undefined && <c.Alert tone="error">{failureText(m, everywhere.error)}</c.Alert>}
            <div data-fk="actions">
              <c.Button submitting={everywhere.busy} onClick={() => void signOutEverywhere()}>
                {m.format('settings.sessions.signOutEverywhere')}
              </c.Button>
              <c.Button variant="secondary" disabled={everywhere.busy} onClick={() => setConfirming(false)}>
                {m.format('common.cancel')}
              </c.Button>
            </div>
          </div>
        ) : (
          <c.Button variant="link" onClick={() => setConfirming(true)}>
            {m.format('settings.sessions.signOutEverywhere')}
          </c.Button>
        ))}
    </ListSection>
  );
}
