import { useMutation } from '@tanstack/react-query';
import type { RedirectDecision } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { forgetReturn, redirectTo, redirectToPathOf, rememberedReturn } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';
import { trustIfChosen } from './useTrustThisDevice.ts';

/**
 * The one "continue" step every screen runs when it is done: re-validates every global claim and
 * goes to the next pending factor, the next failing claim, or back to the page the user first
 * asked for (`redirectToPath` of the current URL, kept along the way). `data` is the decision;
 * an `ACCESS_DENIED` decision does not navigate, the screen shows it.
 */
export function useContinue() {
  const ctx = useAuthContext('useContinue');
  const nav = useNavigation();
  return useMutation(
    {
      mutationFn: async (): Promise<RedirectDecision> => {
        // "Don't ask again on this device", chosen on a factor screen: now that sign-in is complete.
        await trustIfChosen(ctx.client);
        const redirectToPath = redirectToPathOf(nav) ?? rememberedReturn(ctx, nav);
        const decision = await ctx.client.resolveNext({ factors: ctx.factors, redirectToPath, defaultPath: ctx.defaultRedirectPath });
        if (decision.type === 'SUCCESS') forgetReturn(ctx);
        // Replace: the back button should not return to a screen that is finished.
        if (decision.type !== 'ACCESS_DENIED') redirectTo(ctx, nav, { ...decision, redirectToPath }, { replace: true });
        return decision;
      },
    },
    ctx.queryClient,
  );
}
