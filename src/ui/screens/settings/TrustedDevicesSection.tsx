import { useMemo, useState } from 'react';
import { isAuthError, type TrustedDevice } from '../../../core/index.ts';
import { useRevokeTrustedDevices, useTrustedDevices } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import type { ScreenComponents } from '../components.ts';
import { ListRow, ListSection } from './ListSection.tsx';
import { failureText } from '../screenSupport.ts';

/**
 * "Trusted devices": the browsers that skip the second step at sign-in (this one first), with when
 * each was last used and until when it is trusted, "Remove" for each and "Remove all". Over
 * `useTrustedDevices` (`GET /fk/trusted-devices`); nothing when the backend does not offer it.
 */
export function TrustedDevicesSection({ messages: m, c, headingLevel, id }: { messages: Messages; c: ScreenComponents; headingLevel: 2 | 3; id: string }) {
  const devices = useTrustedDevices();
  const revoke = useRevokeTrustedDevices();
  const [announcement, setAnnouncement] = useState('');
  const date = useMemo(() => new Intl.DateTimeFormat(m.locale, { dateStyle: 'medium' }), [m.locale]);
  // A backend without the feature (or with it off) has no such API: no section.
  if (devices.isError && isAuthError(devices.error, 'http') && devices.error.status === 404) return null;
  const list = devices.data?.status === 'OK' ? devices.data.devices : undefined;
  const nameOf = (d: TrustedDevice) => {
    const browser = d.browser ?? m.format('settings.sessions.unknownBrowser');
    return d.os !== undefined ? m.format('settings.sessions.browserOn', { browser, os: d.os }) : browser;
  };
  const remove = (d: TrustedDevice) =>
    revoke.mutate({ deviceId: d.deviceId }, { onSuccess: (r) => r.status === 'OK' && setAnnouncement(m.format('trust.removed', { name: nameOf(d) })) });

  return (
    <ListSection
      m={m}
      c={c}
      fk="settings-trusted"
      id={id}
      headingLevel={headingLevel}
      title={m.format('trust.title')}
      body={m.format('trust.body')}
      announcement={announcement}
      query={devices}
      rows={list === undefined ? undefined : list.map((d) => (
        <ListRow
          key={d.deviceId}
          data-trusted={d.current ? 'current' : 'other'}
          name={nameOf(d)}
          facts={[
            d.current ? m.format('trust.thisDevice') : undefined,
            d.lastUsedAt !== null ? m.format('trust.lastUsed', { date: date.format(d.lastUsedAt) }) : undefined,
            m.format('trust.until', { date: date.format(d.expiresAt) }),
            d.clientAddress,
          ]}
        >
          <c.Button
            variant="secondary"
            aria-label={m.format('trust.removeNamed', { name: nameOf(d), date: date.format(d.expiresAt) })}
            submitting={revoke.isPending && revoke.variables !== undefined && 'deviceId' in revoke.variables && revoke.variables.deviceId === d.deviceId}
            onClick={() => remove(d)}
          >
            {m.format('trust.remove')}
          </c.Button>
        </ListRow>
      ))}
      loadFailed={m.format('trust.loadFailed')}
      empty={m.format('trust.none')}
    >
      {revoke.isError && <c.Alert tone="error">{failureText(m, revoke.error)}</c.Alert>}
      {list !== undefined && list.length > 1 && (
        <c.Button
          variant="secondary"
          submitting={revoke.isPending && revoke.variables !== undefined && 'all' in revoke.variables}
          onClick={() => revoke.mutate({ all: true }, { onSuccess: (r) => r.status === 'OK' && setAnnouncement(m.format('trust.allRemoved')) })}
        >
          {m.format('trust.removeAll')}
        </c.Button>
      )}
    </ListSection>
  );
}
