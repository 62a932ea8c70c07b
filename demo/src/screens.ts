import type { AuthScreens } from '../../src/index.ts';

/** The kit's pre-built screens, one per route of `authRouteElements`. */
export const screens: AuthScreens = {};
