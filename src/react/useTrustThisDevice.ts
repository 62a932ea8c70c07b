import { useCallback, useState } from 'react';
import type { AuthClient } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { tabStorage } from './tabStorage.ts';
import { useMFAInfo } from './useMFAInfo.ts';

const KEY = 'trustThisDevice';

/**
 * "Don't ask again on this device for N days": offered while sign-in asks for a factor and the backend
 * allows it (`/mfa/info`'s `fk.trustDeviceDays`, factorkit's backend). The choice is kept in the tab
 * until sign-in completes; `useContinue` then trusts the browser (`trustIfChosen`).
 */
export function useTrustThisDevice() {
  const { client } = useAuthContext('useTrustThisDevice');
  const info = useMFAInfo({ enabled: false });
  const key = `${client.config.storageKeyPrefix}.${KEY}`;
  const [chosen, setChosen] = useState(() => tabStorage()?.getItem(key) === '1');
  const days = info.data?.status === 'OK' ? info.data.fk?.trustDeviceDays : undefined;
  const choose = useCallback(
    (on: boolean) => {
      setChosen(on);
      try {
        if (on) tabStorage()?.setItem(key, '1');
        else tabStorage()?.removeItem(key);
      } catch {
        // No storage: the choice holds for this screen only.
      }
    },
    [key],
  );
  return { offeredDays: days, chosen, choose };
}

/**
 * When sign-in has just completed and the person chose to trust this browser: trusts it (once; a
 * refusal only means they are asked again next time).
 */
export async function trustIfChosen(client: AuthClient): Promise<void> {
  const key = `${client.config.storageKeyPrefix}.${KEY}`;
  const storage = tabStorage();
  if (storage?.getItem(key) !== '1') return;
  const snapshot = client.session.getSnapshot();
  const mfa = snapshot.status === 'signedIn' ? (snapshot.payload['st-mfa'] as { v?: boolean } | undefined) : undefined;
  if (mfa?.v !== true) return;
  storage.removeItem(key);
  try {
    await client.trustedDevices.trust();
  } catch {
    // Not trusted: the second factor is asked next time, as before.
  }
}
