import { useTrustThisDevice } from '../../react/index.ts';
import type { Messages } from '../messages/types.ts';

/**
 * "Don't ask again on this device for N days", a real checkbox on the second-factor screens while
 * sign-in asks for a factor and the backend allows it (`mfa.trustedDevices`); nothing otherwise. The
 * browser is trusted once sign-in completes.
 */
export function TrustDeviceOption({ m }: { m: Messages }) {
  const trust = useTrustThisDevice();
  if (trust.offeredDays === undefined) return null;
  return (
    <label data-fk="checkbox">
      <input type="checkbox" checked={trust.chosen} onChange={(e) => trust.choose(e.currentTarget.checked)} />
      <span>{m.format('trust.label', { count: trust.offeredDays })}</span>
    </label>
  );
}
