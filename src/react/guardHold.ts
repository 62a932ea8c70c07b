/**
 * Lets a screen keep the guards around it from moving the person to an MFA screen while it asks
 * for the factor in place. The settings page does, after a change that leaves this session short of
 * a factor: it says why and asks for the code where the person is, rather than the page vanishing
 * into "Check your email". A hold never lets anything through the server: every API call still
 * needs `st-mfa.v`, and only content already shown stays. Released on finish, cancel or unmount;
 * then the guards decide as usual.
 */
export interface GuardHold {
  /** Whether some screen holds the guards now. */
  readonly held: boolean;
  /** Takes a hold; the returned function releases it (once). */
  hold(): () => void;
  /** Called when the last hold is released. */
  subscribe(listener: () => void): () => void;
}

export function createGuardHold(): GuardHold {
  let count = 0;
  const listeners = new Set<() => void>();
  return {
    get held() {
      return count > 0;
    },
    hold() {
      count++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        count--;
        if (count === 0) for (const l of [...listeners]) l();
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
