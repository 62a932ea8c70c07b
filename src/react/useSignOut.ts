import { useMutation } from '@tanstack/react-query';
import { authPaths, forgetOtpAttempts } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { tabStorage } from './tabStorage.ts';
import { redirectTo } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';

/**
 * Signs out here and in the user's other tabs, forgets pending OTP attempts and goes to the
 * sign-in page (override with `getRedirectionURL`, context `SIGN_OUT`).
 */
export function useSignOut(options: { redirect?: boolean } = {}) {
  const ctx = useAuthContext('useSignOut');
  const nav = useNavigation();
  const redirect = options.redirect ?? true;
  return useMutation(
    {
      mutationFn: async () => {
        // Guards on this page leave the navigation to us instead of sending the user to sign
        // in and back to this page.
        ctx.signOutRequested.current = true;
        forgetOtpAttempts(tabStorage(), ctx.client.config.storageKeyPrefix);
        await ctx.client.session.signOut();
        if (redirect) redirectTo(ctx, nav, { type: 'SIGN_OUT', to: authPaths(ctx.basePath).signIn });
      },
    },
    ctx.queryClient,
  );
}
