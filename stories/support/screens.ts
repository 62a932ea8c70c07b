/**
 * The kit's screens as the live stories mount them (`authRouteElements({ screens })`).
 *
 * WAITING FOR src/ui/screens: the screens engineer is writing SignIn, FactorChooser, Totp, OtpEmail,
 * OtpPhone, VerifyEmail, AccessDenied and settings/MFASettingsScreen. When they are exported from
 * src/ui/index.ts, list them here; every story whose `parameters.needsScreens` is then satisfied
 * stops being skipped in test/stories.
 */
import type { AuthScreens } from '../../src/react/index.ts';

/** The screens available to stories today. */
export const storyScreens: AuthScreens = {};

/** The screens a story needs that do not exist yet. */
export function missingScreens(needs: readonly (keyof AuthScreens)[] | undefined): (keyof AuthScreens)[] {
  return (needs ?? []).filter((name) => storyScreens[name] === undefined);
}
