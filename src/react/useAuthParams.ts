import { useMemo } from 'react';
import { sanitizeRedirectPath } from '../core/index.ts';
import { useNavigation } from './useNavigation.ts';

/** The query parameters the kit's screens share. Flags count only when they are exactly `true`. */
export interface AuthParams {
  /** The page to return to (sanitised: same-origin paths only). */
  redirectToPath: string | undefined;
  /** Re-verify a factor although sign-in is complete (`stepUp=true`). */
  stepUp: boolean;
  /** Set up the factor even if it is set up already (`setup=true`). */
  setup: boolean;
  /** The chooser's options (`n=totp,otp-email`). */
  factorIds: string[] | undefined;
  /** The email-verification token of a link (`token=`). */
  token: string | undefined;
  tenantId: string | undefined;
}

/** Reads {@link AuthParams} from the current URL. */
export function useAuthParams(): AuthParams {
  const { searchParams } = useNavigation();
  return useMemo(() => {
    const n = searchParams.get('n');
    return {
      redirectToPath: sanitizeRedirectPath(searchParams.get('redirectToPath') ?? undefined),
      stepUp: searchParams.get('stepUp') === 'true',
      setup: searchParams.get('setup') === 'true',
      factorIds: n ? n.split(',').filter((id) => id !== '') : undefined,
      token: searchParams.get('token') ?? undefined,
      tenantId: searchParams.get('tenantId') ?? undefined,
    };
  }, [searchParams]);
}
