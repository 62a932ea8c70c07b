import { useAuthContext } from './AuthContext.ts';
import type { GuardHold } from './guardHold.ts';

/**
 * The provider's guard hold, for a custom screen that asks for a missing factor in place (as the
 * settings page does after a change): `const release = useGuardHold().hold()` before the change,
 * `release()` once the factor is verified, given up, or the screen unmounts.
 */
export function useGuardHold(): GuardHold {
  return useAuthContext('useGuardHold').guardHold;
}
