import { useMemo } from 'react';
import { authPaths } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectToPathOf } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';

/**
 * Links between the kit's own pages (sign-in, password reset) that keep the page first asked for
 * (`redirectToPath`), as `href`s for real links, and `go(href)` to follow one through the router.
 */
export function useAuthLinks() {
  const ctx = useAuthContext('useAuthLinks');
  const nav = useNavigation();
  const redirectToPath = redirectToPathOf(nav);
  return useMemo(() => {
    const paths = authPaths(ctx.basePath);
    const withReturn = (path: string) => (redirectToPath ? `${path}?${new URLSearchParams({ redirectToPath })}` : path);
    return {
      signIn: withReturn(paths.signIn),
      resetPassword: withReturn(paths.resetPassword),
      recoveryCode: withReturn(paths.recoveryCode),
      chooser: withReturn(paths.chooser),
      passkeyRecovery: withReturn(paths.passkeyRecovery),
      go: (href: string) => nav.navigate(href),
    };
  }, [ctx.basePath, redirectToPath, nav]);
}
