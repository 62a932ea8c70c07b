import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { sanitizeRedirectPath } from '../core/index.ts';

/** What the kit needs from the router: where we are and how to go elsewhere. */
export interface Navigation {
  /** `pathname + search + hash` of the current location. */
  path: string;
  searchParams: URLSearchParams;
  /**
   * Same-origin paths go through the router (after `sanitizeRedirectPath`: `/.//evil.com` is another
   * site to a browser); an absolute http(s) URL (an app's own `getRedirectionURL`) is a full page
   * load; anything else is refused.
   */
  navigate(to: string, options?: { replace?: boolean }): void;
}

/** The react-router adapter; the only place outside `routes.tsx` that imports react-router-dom. */
export function useNavigation(): Navigation {
  const location = useLocation();
  const routerNavigate = useNavigate();
  const navigate = useCallback(
    (to: string, options: { replace?: boolean } = {}) => {
      if (to.startsWith('/') || to.startsWith('\\')) {
        const path = sanitizeRedirectPath(to);
        if (path === undefined) throw new Error(`factorkit: refused to navigate to ${JSON.stringify(to.slice(0, 100))}: not a same-origin path`);
        void routerNavigate(path, { replace: options.replace ?? false });
      } else if (/^https?:\/\//i.test(to)) {
        if (options.replace) window.location.replace(to);
        else window.location.assign(to);
      } else {
        throw new Error(`factorkit: refused to navigate to ${JSON.stringify(to.slice(0, 100))}: only paths and http(s) URLs`);
      }
    },
    [routerNavigate],
  );
  return useMemo(
    () => ({ path: `${location.pathname}${location.search}${location.hash}`, searchParams: new URLSearchParams(location.search), navigate }),
    [location.pathname, location.search, location.hash, navigate],
  );
}
