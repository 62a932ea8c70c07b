import { useAuthLinks, useMFAInfo } from '../../react/index.ts';
import type { Messages } from '../messages/types.ts';
import { AuthLink } from './AuthLink.tsx';

/**
 * "Lost access? Use a recovery code": on the chooser and the factor screens (their lockout included)
 * while a factor is due and the account has an unused code (`/mfa/info`'s `fk.recoveryCodes`,
 * factorkit's backend). Nothing otherwise.
 */
export function RecoveryCodeLink({ m }: { m: Messages }) {
  // Reads what the screen loaded; never fetches (nor retries a failed answer the screen shows) itself.
  const info = useMFAInfo({ enabled: false });
  const links = useAuthLinks();
  if (info.data?.status !== 'OK' || info.data.fk?.recoveryCodes !== true) return null;
  return (
    <AuthLink href={links.recoveryCode} go={links.go}>
      {m.format('recovery.lostAccess')}
    </AuthLink>
  );
}
