import type { CSSProperties } from 'react';

/**
 * Hides text visually but keeps it for screen readers. Inline, not a class, so parts stay
 * accessible when the host app does not load `factorkit/styles.css`.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  inlineSize: 1,
  blockSize: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
};
