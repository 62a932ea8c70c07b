import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

/** What the kit needs from the router: where we are and how to go elsewhere. */
export interface Navigation {
  /** `pathname + search + hash` of the current location. */
  path: string;
  searchParams: URLSearchParams;
  /** Same-origin paths go through the router; anything else is a full page load. */
  navigate(to: string, options?: { replace?: boolean }): void;
}

/** The react-router adapter; the only place outside `routes.tsx` that imports react-router-dom. */
export function useNavigation(): Navigation {
  const location = useLocation();
  const routerNavigate = useNavigate();
  const navigate = useCallback(
    (to: string, options: { replace?: boolean } = {}) => {
      if (to.startsWith('/') && !to.startsWith('//')) void routerNavigate(to, { replace: options.replace ?? false });
      else if (options.replace) window.location.replace(to);
      else window.location.assign(to);
    },
    [routerNavigate],
  );
  return useMemo(
    () => ({ path: `${location.pathname}${location.search}${location.hash}`, searchParams: new URLSearchParams(location.search), navigate }),
    [location.pathname, location.search, location.hash, navigate],
  );
}
