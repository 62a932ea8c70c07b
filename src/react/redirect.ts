import type { AuthContextValue, RedirectionContext } from './AuthContext.ts';
import type { Navigation } from './useNavigation.ts';

/**
 * Goes where the context says, unless the app's `getRedirectionURL` picks another place or `null`
 * (stay). Returns whether it navigated.
 */
export function redirectTo(ctx: AuthContextValue, nav: Navigation, context: RedirectionContext, options: { replace?: boolean } = {}): boolean {
  const custom = ctx.getRedirectionURL?.(context);
  if (custom === null) return false;
  const to = custom ?? context.to;
  if (to === nav.path) return false;
  nav.navigate(to, options);
  return true;
}

/** The `redirectToPath` query parameter of the current URL (the core sanitises it before use). */
export function redirectToPathOf(nav: Navigation): string | undefined {
  return nav.searchParams.get('redirectToPath') ?? undefined;
}
