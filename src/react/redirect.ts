import { authPaths, type AuthClient } from '../core/index.ts';
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
  // The verification link opens a fresh page without our query string: remember where to return.
  if (context.type === 'VERIFY_EMAIL' && context.redirectToPath) rememberReturn(ctx.client, context.redirectToPath);
  nav.navigate(to, options);
  return true;
}

/** The `redirectToPath` query parameter of the current URL (the core sanitises it before use). */
export function redirectToPathOf(nav: Navigation): string | undefined {
  return nav.searchParams.get('redirectToPath') ?? undefined;
}

/** How long a remembered return path waits for its verification link (the link's lifetime). */
const RETURN_TTL_MS = 24 * 3600 * 1000;

/** Which round trip (an emailed link, a provider's sign-in page) a remembered return path waits for. */
type EmailedLink = 'emailVerification' | 'passwordReset' | 'magicLink' | 'thirdParty';

function returnKey(client: AuthClient, link: EmailedLink = 'emailVerification'): string {
  return `${client.config.storageKeyPrefix}.${link}ReturnTo`;
}

/** Remembers the page to come back to across an emailed link (opened in this browser, in a fresh page). */
export function rememberReturn(client: AuthClient, path: string, link: EmailedLink = 'emailVerification'): void {
  try {
    globalThis.localStorage?.setItem(returnKey(client, link), JSON.stringify({ path, at: Date.now() }));
  } catch {
    // No storage: after the link the user lands on the default page.
  }
}

/** Reads and forgets the page remembered before a password reset link was sent (for the sign-in after it). */
export function takeResetReturn(client: AuthClient): string | undefined {
  try {
    const key = returnKey(client, 'passwordReset');
    const raw = globalThis.localStorage?.getItem(key);
    if (!raw) return undefined;
    globalThis.localStorage.removeItem(key);
    const value = JSON.parse(raw) as { path?: unknown; at?: unknown };
    return typeof value.path === 'string' && typeof value.at === 'number' && Date.now() - value.at < RETURN_TTL_MS ? value.path : undefined;
  } catch {
    return undefined;
  }
}

/** The emailed link whose landing page this is, if it is one. */
function linkOfPage(ctx: AuthContextValue, nav: Navigation): EmailedLink | undefined {
  const path = nav.path.split(/[?#]/)[0];
  const paths = authPaths(ctx.basePath);
  if (path?.startsWith(`${paths.callback}/`)) return 'thirdParty';
  return path === paths.verifyEmail ? 'emailVerification' : path === paths.magicLink ? 'magicLink' : undefined;
}

/**
 * The page to return to after an emailed link (email verification, a magic link) when the URL lost
 * it (the link opened a fresh page). Read only on the link's own page, so a stale entry never bends
 * another flow.
 */
export function rememberedReturn(ctx: AuthContextValue, nav: Navigation): string | undefined {
  const link = linkOfPage(ctx, nav);
  if (link === undefined) return undefined;
  try {
    const raw = globalThis.localStorage?.getItem(returnKey(ctx.client, link));
    if (!raw) return undefined;
    const value = JSON.parse(raw) as { path?: unknown; at?: unknown };
    return typeof value.path === 'string' && typeof value.at === 'number' && Date.now() - value.at < RETURN_TTL_MS ? value.path : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the remembered return path (the user got back). */
export function forgetReturn(ctx: AuthContextValue): void {
  try {
    for (const link of ['emailVerification', 'magicLink', 'thirdParty'] as const) globalThis.localStorage?.removeItem(returnKey(ctx.client, link));
  } catch {
    // Nothing to forget.
  }
}
