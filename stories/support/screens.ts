/**
 * The kit's screens as the live stories mount them (`authRouteElements({ screens })`): the
 * pre-built screens of src/ui/screens. A story lists the screens it needs in
 * `parameters.needsScreens`; test/stories skips a story whose screen is missing here (none today,
 * kept for a screen written ahead of its story).
 */
import type { AuthScreens } from '../../src/react/index.ts';
import { prebuiltScreens } from '../../src/ui/index.ts';

/** The screens available to stories. */
export const storyScreens: AuthScreens = prebuiltScreens;

/** The screens a story needs that do not exist yet. */
export function missingScreens(needs: readonly (keyof AuthScreens)[] | undefined): (keyof AuthScreens)[] {
  return (needs ?? []).filter((name) => storyScreens[name] === undefined);
}
