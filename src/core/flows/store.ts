/**
 * A flow's store: the state a pure `reduce(state, event)` makes of the events dispatched to it, with
 * `subscribe`/`getSnapshot` for `useSyncExternalStore` (or any other view). Effects (API calls) live
 * in the flow's actions, which dispatch what happened; the reducer never calls anything.
 */
export interface FlowStore<S, E> {
  getSnapshot(): S;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Runs the event through the reducer. Returns whether the state changed: an action that starts a
   * request goes on only if its start event was not ignored (one on its way already, say).
   */
  dispatch(event: E): boolean;
}

export function createFlowStore<S, E>(reduce: (state: S, event: E) => S, initial: S): FlowStore<S, E> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispatch(event) {
      const next = reduce(state, event);
      if (next === state) return false;
      state = next;
      for (const listener of [...listeners]) listener();
      return true;
    },
  };
}
