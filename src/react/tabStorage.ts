import type { KeyValueStorage } from '../core/index.ts';

/**
 * This tab's sessionStorage, when it works: what is kept there survives a reload of the tab, is not
 * shared with other tabs, and goes with the tab (flows keep their unfinished attempts there).
 */
export function tabStorage(): (KeyValueStorage & { readonly length: number; key(index: number): string | null }) | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}
