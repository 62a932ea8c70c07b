/**
 * Runs `run` once the frame after this call has been painted (the next animation frame, then a
 * task); returns the cancel. Work that need not be on the first screen waits for it, so the screen
 * shows first: focusing a field (which lays out the whole page at once), the login-method check
 * when the config knows them, fetching the next screens' code. A hidden tab paints no frames: it
 * runs when the tab shows.
 */
export function afterPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** {@link afterPaint} as a promise that also resolves after 100 ms without a frame (a hidden tab), and at once outside a browser. */
export function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    afterPaint(resolve);
    setTimeout(resolve, 100);
  });
}
