/**
 * Runs `run` once the frame after this call has been painted (the next animation frame, then a
 * task); returns the cancel. Work that need not be on the first screen waits for it, so the screen
 * shows first: focusing a field (which lays out the whole page at once), the login-method query
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
