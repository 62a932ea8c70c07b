import { useEffect, useState } from 'react';

/**
 * Takes the token of an emailed link (verification, password reset) out of the address bar: it must
 * not stay in the history, a bookmark or a screenshot. Returns it, read once per screen.
 */
export function useLinkToken(fromRouter: string | undefined): string | undefined {
  const [token] = useState(fromRouter);
  useEffect(() => {
    if (token === undefined || typeof window === 'undefined') return;
    const url = new URL(window.location.href);
    if (!url.searchParams.has('token')) return;
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }, [token]);
  return token;
}
